package io.tdsproxy.server.proxy;

import io.tdsproxy.server.config.ConfigException;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.config.TlsConfig;
import io.tdsproxy.tls.KeyMaterial;
import io.tdsproxy.tls.KeyMaterialLoader;
import io.tdsproxy.tls.check.CertificateDoctor;
import io.tdsproxy.tls.check.CheckRow;
import io.tdsproxy.tls.check.Report;
import io.tdsproxy.tls.check.Requirement;
import io.tdsproxy.tls.check.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * What start-up (and {@code tdsproxy config check}) does with the configured certificate: load it and
 * its key, then run every {@code tdsproxy cert check} requirement on them. A FAIL row refuses the
 * certificate with that row's text and fix; a WARN row is logged. The host-name row has no host to
 * check at start-up (clients may use any name), so it only lists the names the certificate covers.
 */
public final class CertificateGate {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateGate.class);

    private CertificateGate() {
    }

    /**
     * Loads and checks the configured pair; empty when no certificate is configured.
     *
     * @throws ConfigException naming {@code network.tlscert}'s origin when the pair cannot be loaded or
     *                         a requirement fails
     */
    public static Optional<Report> check(ProxyConfig config) throws ConfigException {
        Optional<TlsConfig> tls = config.network().tls();
        if (tls.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(check(config, tls.get(), load(config, tls.get())));
    }

    /** The key material of {@code tls}, loaded as the TLS context needs it. */
    static KeyMaterial load(ProxyConfig config, TlsConfig tls) throws ConfigException {
        try {
            return KeyMaterialLoader.load(tls.certificate(), tls.privateKey(), tls.keyPassword());
        } catch (RuntimeException e) {
            throw new ConfigException(config.describe("network.tlscert") + " and " + config.describe("network.tlskey")
                    + ": cannot load the certificate and key: " + e.getMessage()
                    + "; expected a PEM certificate chain and its matching private key", e);
        }
    }

    /** Runs the doctor on loaded material: FAIL throws, WARN is logged. */
    static Report check(ProxyConfig config, TlsConfig tls, KeyMaterial material) throws ConfigException {
        Report report = new CertificateDoctor(Clock.systemUTC()).check(material, tls.privateKey(), null);
        if (report.hasFailures()) {
            throw new ConfigException(config.describe("network.tlscert") + ": " + tls.certificate()
                    + " is refused by the certificate check (tdsproxy cert check --cert " + tls.certificate()
                    + " --key " + tls.privateKey() + " shows every row): " + report.describeFailures(), null);
        }
        for (CheckRow row : report.rows(Verdict.WARN)) {
            if (row.requirement() == Requirement.HOST_NAME) {
                LOG.info("certificate {}: {}", row.requirement().title(), row.detail());
            } else {
                LOG.warn("certificate {}: {} (fix: {})", row.requirement().title(), row.detail(), row.fix());
            }
        }
        return report;
    }
}
