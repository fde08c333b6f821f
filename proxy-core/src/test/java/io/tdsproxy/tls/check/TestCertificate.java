package io.tdsproxy.tls.check;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test certificates with every property under the test's control, including the broken ones
 * {@code CertificateGenerator} will not make (RSA 1024, clientAuth-only EKU, MD5, odd key usages).
 *
 * @param key         the certificate's private key
 * @param certificate the certificate
 */
record TestCertificate(PrivateKey key, X509Certificate certificate) {
    /** The instant every doctor test judges at. */
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    static Builder builder(String cn) {
        return new Builder(cn);
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Defaults: a fresh RSA 2048 key, self-signed SHA256withRSA, valid NOW-1d..NOW+365d, no extensions at all. */
    static final class Builder {
        private final String cn;
        private KeyPair pair;
        private TestCertificate issuer;
        private Instant from = NOW.minus(Duration.ofDays(1));
        private Instant to = NOW.plus(Duration.ofDays(365));
        private KeyPurposeId[] ekus;
        private Integer keyUsage;
        private final List<GeneralName> sans = new ArrayList<>();
        private String signatureAlgorithm;
        private boolean ca;

        private Builder(String cn) {
            this.cn = cn;
        }

        Builder keyPair(KeyPair keyPair) {
            this.pair = keyPair;
            return this;
        }

        Builder issuer(TestCertificate issuingCa) {
            this.issuer = issuingCa;
            return this;
        }

        Builder validity(Instant notBefore, Instant notAfter) {
            this.from = notBefore;
            this.to = notAfter;
            return this;
        }

        Builder eku(KeyPurposeId... purposes) {
            this.ekus = purposes;
            return this;
        }

        Builder keyUsage(int bcBits) {
            this.keyUsage = bcBits;
            return this;
        }

        Builder dns(String... names) {
            for (String n : names) {
                sans.add(new GeneralName(GeneralName.dNSName, n));
            }
            return this;
        }

        Builder ip(String... addresses) {
            for (String a : addresses) {
                sans.add(new GeneralName(GeneralName.iPAddress, a));
            }
            return this;
        }

        Builder signatureAlgorithm(String algorithm) {
            this.signatureAlgorithm = algorithm;
            return this;
        }

        /** basicConstraints CA=true with keyCertSign, cRLSign. */
        Builder ca() {
            this.ca = true;
            return this;
        }

        TestCertificate build() {
            try {
                KeyPair keys = pair != null ? pair : rsa(2048);
                X500Name subject = new X500Name("CN=" + cn);
                X500Name issuerName = issuer == null ? subject
                        : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
                PrivateKey signingKey = issuer == null ? keys.getPrivate() : issuer.key();
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to), subject, keys.getPublic());
                if (ca) {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                } else if (keyUsage != null) {
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
                }
                if (ekus != null) {
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ekus));
                }
                if (!sans.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(new GeneralName[0])));
                }
                String alg = signatureAlgorithm != null ? signatureAlgorithm
                        : "EC".equals(signingKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
                X509Certificate cert = new JcaX509CertificateConverter()
                        .getCertificate(b.build(new JcaContentSignerBuilder(alg).build(signingKey)));
                return new TestCertificate(keys.getPrivate(), cert);
            } catch (Exception e) {
                throw new IllegalStateException("cannot build test certificate CN=" + cn, e);
            }
        }
    }
}
