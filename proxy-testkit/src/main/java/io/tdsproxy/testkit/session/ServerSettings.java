package io.tdsproxy.testkit.session;

import io.tdsproxy.testkit.BackendEncryption;
import io.tdsproxy.testkit.ConnectionSecurity;
import io.tdsproxy.testkit.h2.H2Database;
import io.tdsproxy.testkit.tls.EmbeddedTls;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What every connection of one embedded server shares: the configured logins, the database, the
 * encryption policy and TLS set-up, the worker pool that runs H2, the SPID counter, and where each
 * connection's {@link ConnectionSecurity} goes.
 *
 * <p>Security: {@link #toString()} names the logins but never their passwords.
 *
 * @param logins     user name (case-insensitive, as with a CI server collation) to password
 * @param database   the one database name, the default for every login
 * @param encryption the PRELOGIN encryption policy
 * @param h2         the backing database
 * @param workers    the pool that runs logins and requests; never the event loop
 * @param tls        certificate and contexts; {@code null} only for {@link BackendEncryption#NOT_SUP}
 * @param security   receives each connection's record (on the event loop)
 */
public record ServerSettings(Map<String, String> logins, String database, BackendEncryption encryption,
                             H2Database h2, Executor workers, AtomicInteger spids, EmbeddedTls tls,
                             Consumer<ConnectionSecurity> security) {
    /** Largest client message accepted (a big RPC parameter is the largest real case). */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    public ServerSettings {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(logins);
        logins = java.util.Collections.unmodifiableMap(copy);
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(h2, "h2");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(spids, "spids");
        Objects.requireNonNull(security, "security");
        if (encryption.needsCertificate() && tls == null) {
            throw new IllegalArgumentException("encryption " + encryption + " needs a certificate");
        }
    }

    /** Plaintext settings ({@link BackendEncryption#NOT_SUP}, no TLS), records dropped: for unit tests. */
    public ServerSettings(Map<String, String> logins, String database, H2Database h2, Executor workers,
                          AtomicInteger spids) {
        this(logins, database, BackendEncryption.NOT_SUP, h2, workers, spids, null, record -> { });
    }

    /** The next server process id; user sessions on SQL Server start at 51. */
    public int nextSpid() {
        return spids.getAndUpdate(s -> s >= 0xFFFF ? 51 : s + 1);
    }

    @Override
    public String toString() {
        return "ServerSettings[logins=" + logins.keySet() + ", database=" + database + ", encryption=" + encryption + "]";
    }
}
