package io.tdsproxy.testkit.session;

import io.tdsproxy.testkit.BackendEncryption;
import io.tdsproxy.testkit.h2.H2Database;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every connection of one embedded server shares: the configured logins, the database, the
 * encryption policy, the worker pool that runs H2, and the SPID counter.
 *
 * <p>Security: {@link #toString()} names the logins but never their passwords.
 *
 * @param logins     user name (case-insensitive, as with a CI server collation) to password
 * @param database   the one database name, the default for every login
 * @param encryption the PRELOGIN encryption policy
 * @param h2         the backing database
 * @param workers    the pool that runs logins and requests; never the event loop
 */
public record ServerSettings(Map<String, String> logins, String database, BackendEncryption encryption,
                             H2Database h2, Executor workers, AtomicInteger spids) {
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
