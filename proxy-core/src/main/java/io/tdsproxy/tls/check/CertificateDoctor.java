package io.tdsproxy.tls.check;

import io.tdsproxy.tls.KeyMaterial;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks a server certificate against every {@link Requirement} and says, for each, PASS, FAIL or
 * WARN with the reason and the fix. The proxy's start-up refuses a certificate whose report
 * {@link Report#hasFailures() has failures}; {@code tdsproxy cert check} prints the
 * {@link Report#toTable() table}.
 *
 * <pre>
 * Report report = new CertificateDoctor(Clock.systemUTC()).check(material, keyFile, "db.example.com");
 * if (report.hasFailures()) {
 *     throw new IllegalStateException("refusing " + certFile + ": " + report.describeFailures());
 * }
 * </pre>
 *
 * Thread-safe: the checks hold no state.
 */
public final class CertificateDoctor {
    private static final List<Check> CHECKS = List.of(
            new ValidityCheck(), new ExtendedKeyUsageCheck(), new KeyUsageCheck(), new HostNameCheck(),
            new SignatureStrengthCheck(), new KeyMatchCheck(), new ChainCheck(), new KeyFileCheck());

    private final Clock clock;
    private final String runningUser;
    private final List<Check> checks;

    /** A doctor judging validity by {@code clock}, expecting the key file to belong to this JVM's user. */
    public CertificateDoctor(Clock clock) {
        this(clock, System.getProperty("user.name"));
    }

    /**
     * A doctor expecting the key file to belong to {@code runningUser} (e.g. the service account the
     * proxy will run as, when checking ahead of deployment).
     */
    public CertificateDoctor(Clock clock, String runningUser) {
        this(clock, runningUser, CHECKS);
    }

    /** For tests: other checks in place of the standard ones. */
    CertificateDoctor(Clock clock, String runningUser, List<Check> checks) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.runningUser = Objects.requireNonNull(runningUser, "runningUser");
        this.checks = List.copyOf(checks);
    }

    /**
     * Examines a certificate chain and its key.
     *
     * @param chain   the certificates in file order, the server certificate first (not empty)
     * @param key     the private key
     * @param keyFile the file the key came from (for its mode and owner), or {@code null}: that row then warns
     * @param host    the host name or IP literal clients connect to, or {@code null}: that row then warns
     *                and lists the names the certificate covers
     * @return one row per {@link Requirement}, in enum order
     */
    public Report check(List<X509Certificate> chain, PrivateKey key, Path keyFile, String host) {
        CheckInput input = new CheckInput(chain, key, keyFile, host, clock.instant(), runningUser);
        List<CheckRow> rows = new ArrayList<>(checks.size());
        for (Check check : checks) {
            rows.add(run(check, input));
        }
        return new Report(rows);
    }

    /** {@link #check(List, PrivateKey, Path, String)} for loaded key material. */
    public Report check(KeyMaterial material, Path keyFile, String host) {
        return check(material.chain(), material.key(), keyFile, host);
    }

    private static CheckRow run(Check check, CheckInput input) {
        try {
            return check.run(input);
        } catch (RuntimeException e) {
            // A certificate odd enough to break a check must not hide the other rows; and an unchecked
            // requirement is not a pass.
            return CheckRow.fail(check.requirement(), "could not be checked: " + e,
                    "inspect the certificate with: openssl x509 -noout -text -in CERT");
        }
    }
}
