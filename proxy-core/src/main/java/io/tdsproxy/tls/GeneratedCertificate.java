package io.tdsproxy.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate made by {@link CertificateGenerator}, with its key.
 *
 * @param key         the certificate's private key; never printed
 * @param certificate the new certificate
 * @param chain       {@code certificate} first, then its issuers up to and including the root
 */
public record GeneratedCertificate(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain) {
    public GeneratedCertificate {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(certificate, "certificate");
        chain = List.copyOf(chain);
    }

    /** Key plus chain, ready for {@link ServerTlsContexts}. */
    public KeyMaterial keyMaterial() {
        return new KeyMaterial(key, chain);
    }

    @Override
    public String toString() {
        return "GeneratedCertificate[subject=" + certificate.getSubjectX500Principal().getName()
                + ", key=" + key.getAlgorithm() + " ****, chain=" + chain.size() + "]";
    }
}
