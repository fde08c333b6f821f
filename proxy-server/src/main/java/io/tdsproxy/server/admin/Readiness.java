package io.tdsproxy.server.admin;

import io.tdsproxy.tls.KeyMaterial;
import io.tdsproxy.tls.check.CertificateDoctor;
import io.tdsproxy.tls.check.Report;
import io.tdsproxy.tls.check.Requirement;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Whether the proxy can serve: the listener is bound, the certificate passes the certificate doctor
 * ({@link CertificateDoctor}: no FAIL row, so an expired certificate makes the proxy unready) and the
 * backend accepts TCP connections ({@link BackendProbe}). Thread-safe.
 */
final class Readiness {
    private final BooleanSupplier listening;
    private final Supplier<Optional<KeyMaterial>> certificate;
    private final Path keyFile;
    private final CertificateDoctor doctor;
    private final BackendProbe backend;

    /**
     * @param listening   whether the proxy's listener is bound
     * @param certificate the chain and key served now; empty when none is configured
     * @param keyFile     where the key was read from (for its mode and owner), or {@code null}
     * @param doctor      the certificate checks
     * @param backend     the backend probe
     */
    Readiness(BooleanSupplier listening, Supplier<Optional<KeyMaterial>> certificate, Path keyFile,
              CertificateDoctor doctor, BackendProbe backend) {
        this.listening = listening;
        this.certificate = certificate;
        this.keyFile = keyFile;
        this.doctor = doctor;
        this.backend = backend;
    }

    /** Every check, in a fixed order; the proxy is ready when all are ok. */
    List<HealthCheck> check() {
        return List.of(listener(), certificate(), backend.check());
    }

    private HealthCheck listener() {
        boolean bound = listening.getAsBoolean();
        return new HealthCheck("listener", bound, bound ? "accepting connections" : "not bound");
    }

    private HealthCheck certificate() {
        Optional<KeyMaterial> material = certificate.get();
        if (material.isEmpty()) {
            return new HealthCheck("certificate", true, "no certificate configured");
        }
        Report report = doctor.check(material.get(), keyFile, null);
        if (report.hasFailures()) {
            return new HealthCheck("certificate", false, report.describeFailures());
        }
        return new HealthCheck("certificate", true, report.row(Requirement.VALIDITY)
                .map(row -> row.detail()).orElse(report.summary()));
    }

    /** The JSON body of {@code /health/ready}: overall status, then each check. */
    static String json(List<HealthCheck> checks) {
        boolean up = checks.stream().allMatch(HealthCheck::ok);
        StringBuilder json = new StringBuilder("{\"status\":\"").append(up ? "UP" : "DOWN").append("\",\"checks\":{");
        for (int i = 0; i < checks.size(); i++) {
            HealthCheck c = checks.get(i);
            json.append(i == 0 ? "" : ",").append(Json.string(c.name())).append(":{\"status\":\"")
                    .append(c.ok() ? "UP" : "DOWN").append("\",\"detail\":").append(Json.string(c.detail())).append('}');
        }
        return json.append("}}").toString();
    }
}
