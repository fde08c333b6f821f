package io.tdsproxy.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import org.bouncycastle.cert.CertIOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Makes X.509 certificates with Bouncy Castle: self-signed or issued by a {@link GeneratedCertificate}
 * CA, shaped the way SQL Server requires a server certificate (sql-server-on-linux-tls.md): the
 * CN also appears as a subjectAltName, extended key usage serverAuth, key usage digitalSignature and
 * keyEncipherment.
 *
 * <pre>
 * GeneratedCertificate ca = CertificateGenerator.builder().subject("Test CA").ca(true).generate();
 * GeneratedCertificate server = CertificateGenerator.builder().subject("db.example.test")
 *         .keyType(KeyType.EC_P256).issuer(ca).generate();
 * </pre>
 */
public final class CertificateGenerator {
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateGenerator() {
    }

    /** A builder with the defaults: RSA 2048, valid from an hour ago for 365 days, self-signed leaf. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the certificate's properties; not thread-safe, one certificate per {@link #generate()} call. */
    public static final class Builder {
        private String cn = "localhost";
        private final Set<String> sans = new LinkedHashSet<>();
        private KeyType keyType = KeyType.RSA_2048;
        private Instant notBefore;
        private Instant notAfter;
        private GeneratedCertificate issuer;
        private boolean ca;
        private Boolean serverAuthEku;
        private Integer keyUsage;
        private String signatureAlgorithm;
        private boolean subjectAltNames = true;

        private Builder() {
        }

        /** The subject common name; it is also added as a subjectAltName. */
        public Builder subject(String commonName) {
            this.cn = Objects.requireNonNull(commonName, "commonName");
            return this;
        }

        /** Further subjectAltNames: DNS names, or IPv4/IPv6 literals (added as iPAddress). */
        public Builder sans(String... names) {
            for (String name : names) {
                sans.add(Objects.requireNonNull(name, "san"));
            }
            return this;
        }

        public Builder keyType(KeyType type) {
            this.keyType = Objects.requireNonNull(type, "type");
            return this;
        }

        public Builder validity(Instant from, Instant to) {
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("validity: " + from + " is not before " + to);
            }
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        /** Signs with this CA's key (else the certificate is self-signed). */
        public Builder issuer(GeneratedCertificate issuingCa) {
            this.issuer = Objects.requireNonNull(issuingCa, "issuingCa");
            return this;
        }

        /** A CA certificate: basicConstraints CA=true, keyCertSign and cRLSign, no serverAuth by default. */
        public Builder ca(boolean isCa) {
            this.ca = isCa;
            return this;
        }

        /** Whether to add extended key usage serverAuth (default: true for leaves, false for CAs). */
        public Builder serverAuthEku(boolean add) {
            this.serverAuthEku = add;
            return this;
        }

        /**
         * Whether to add the subjectAltName extension (default true). False makes a CN-only certificate,
         * as old SQL Server certificates often are, for testing name checks that fall back to the CN.
         */
        public Builder subjectAltNames(boolean add) {
            this.subjectAltNames = add;
            return this;
        }

        /** Key usage bits as Bouncy Castle's {@link KeyUsage} constants, e.g. {@code KeyUsage.digitalSignature}. */
        public Builder keyUsage(int bcKeyUsageBits) {
            this.keyUsage = bcKeyUsageBits;
            return this;
        }

        /** JCA signature name, e.g. {@code SHA1withRSA}; default SHA-256 with the issuer's key type. */
        public Builder signatureAlgorithm(String algorithm) {
            this.signatureAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /**
         * Generates the key pair and the certificate.
         *
         * @throws IllegalArgumentException for an unknown signature algorithm name
         * @throws IllegalStateException    when the JCA or Bouncy Castle refuses otherwise
         */
        public GeneratedCertificate generate() {
            try {
                return build();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot generate certificate for CN=" + cn + ": " + e.getMessage(), e);
            } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
                throw new IllegalStateException("cannot generate certificate for CN=" + cn + ": " + e.getMessage(), e);
            }
        }

        private GeneratedCertificate build()
                throws GeneralSecurityException, OperatorCreationException, CertIOException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType.algorithm());
            generator.initialize(keyType.spec(), RANDOM);
            KeyPair pair = generator.generateKeyPair();

            Instant from = notBefore != null ? notBefore : Instant.now().minus(Duration.ofHours(1));
            Instant to = notAfter != null ? notAfter : from.plus(Duration.ofDays(365));
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            PrivateKey signingKey = issuer == null ? pair.getPrivate() : issuer.key();
            BigInteger serial = new BigInteger(127, RANDOM).add(BigInteger.ONE);

            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial,
                    Date.from(from), Date.from(to), subject, pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, issuer == null
                    ? ext.createAuthorityKeyIdentifier(pair.getPublic())
                    : ext.createAuthorityKeyIdentifier(issuer.certificate()));
            builder.addExtension(Extension.basicConstraints, true, ca ? new BasicConstraints(true) : new BasicConstraints(false));
            int usage = keyUsage != null ? keyUsage
                    : ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature
                    : KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            boolean eku = serverAuthEku != null ? serverAuthEku : !ca;
            if (eku) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            }
            if (subjectAltNames && (!ca || !sans.isEmpty())) {
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames());
            }

            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm != null ? signatureAlgorithm
                    : defaultSignature(signingKey)).build(signingKey);
            X509CertificateHolder holder = builder.build(signer);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);

            List<X509Certificate> chain = new ArrayList<>();
            chain.add(certificate);
            if (issuer != null) {
                chain.addAll(issuer.chain());
            }
            return new GeneratedCertificate(pair.getPrivate(), certificate, chain);
        }

        private GeneralNames subjectAltNames() {
            Set<String> names = new LinkedHashSet<>();
            names.add(cn);
            names.addAll(sans);
            List<GeneralName> general = new ArrayList<>();
            for (String name : names) {
                general.add(new GeneralName(isIpLiteral(name) ? GeneralName.iPAddress : GeneralName.dNSName, name));
            }
            return new GeneralNames(general.toArray(new GeneralName[0]));
        }
    }

    static String defaultSignature(PrivateKey signingKey) {
        return "EC".equals(signingKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    }

    static boolean isIpLiteral(String name) {
        return name.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (name.contains(":") && name.matches("[0-9a-fA-F:.]+"));
    }
}
