package io.tdsproxy.tls.check;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * At least 112-bit security, as OpenSSL security level 2 (the default on Ubuntu 20.04 and later)
 * demands and as the failure "An existing connection was forcibly closed by the remote host" shows
 * when it is not met (sql-server-on-linux-tls.md): no MD5 or SHA-1 signature, RSA (and DSA) keys of
 * at least 2048 bits, EC keys of at least 224 bits (NIST SP 800-57 part 1, table 2).
 *
 * <p>Every certificate in the file is judged, except the signature of a self-signed root at the end
 * of a longer chain: clients trust a root by its presence in their store, not by its self-signature.
 * A self-signed server certificate's own signature is judged, because that is what clients see.
 */
final class SignatureStrengthCheck implements Check {
    static final int MIN_RSA_BITS = 2048;
    static final int MIN_EC_BITS = 224;
    /** Signature OIDs with a digest below 112-bit collision resistance, whatever name the JDK gives them. */
    private static final Map<String, String> WEAK = Map.of(
            "1.2.840.113549.1.1.2", "MD2",
            "1.2.840.113549.1.1.3", "MD4",
            "1.2.840.113549.1.1.4", "MD5",
            "1.2.840.113549.1.1.5", "SHA-1",
            "1.3.14.3.2.29", "SHA-1",
            "1.2.840.10040.4.3", "SHA-1",
            "1.2.840.10045.4.1", "SHA-1");

    @Override
    public Requirement requirement() {
        return Requirement.SIGNATURE_STRENGTH;
    }

    @Override
    public CheckRow run(CheckInput in) {
        List<X509Certificate> chain = in.chain();
        String weakKeyFix = "reissue with a key of at least RSA 2048 or EC P-256 (tdsproxy cert generate --key-type "
                + "rsa2048|rsa3072|ecp256|ecp384)";
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            boolean trustAnchor = i > 0 && i == chain.size() - 1 && Certs.selfSigned(c);
            String weakHash = trustAnchor ? null : weakHash(c);
            if (weakHash != null) {
                return CheckRow.fail(requirement(), "certificate " + Certs.describe(chain, i) + " is signed with "
                        + c.getSigAlgName() + ": " + weakHash + " gives less than 112-bit security",
                        "reissue it signed with SHA-256 or stronger (openssl: -sha256; tdsproxy cert generate uses SHA-256)");
            }
            String weakKey = weakKey(c.getPublicKey());
            if (weakKey != null) {
                return CheckRow.fail(requirement(), "certificate " + Certs.describe(chain, i) + " has " + weakKey, weakKeyFix);
            }
        }
        PublicKey key = in.leaf().getPublicKey();
        int bits = Certs.keyBits(key);
        String detail = in.leaf().getSigAlgName() + ", " + key.getAlgorithm() + (bits > 0 ? " " + bits + "-bit" : "")
                + " key (~" + securityBits(key) + "-bit security)";
        if (!"RSA".equals(key.getAlgorithm()) && !"EC".equals(key.getAlgorithm())) {
            return CheckRow.warn(requirement(), detail + ": SQL Server clients expect RSA or ECDSA certificates",
                    "reissue with an RSA or EC key (tdsproxy cert generate --key-type rsa2048|ecp256)");
        }
        return CheckRow.pass(requirement(), detail);
    }

    /** The weak digest's name, or {@code null} when the signature's digest is SHA-224 or stronger. */
    static String weakHash(X509Certificate c) {
        String byOid = WEAK.get(c.getSigAlgOID());
        if (byOid != null) {
            return byOid;
        }
        String name = c.getSigAlgName().toUpperCase(Locale.ROOT);
        if (name.startsWith("MD2") || name.startsWith("MD4") || name.startsWith("MD5")) {
            return name.substring(0, 3);
        }
        if (name.startsWith("SHA1")) {
            return "SHA-1";
        }
        if (PKCSObjectIdentifiers.id_RSASSA_PSS.getId().equals(c.getSigAlgOID()) && c.getSigAlgParams() != null) {
            ASN1ObjectIdentifier hash = RSASSAPSSparams.getInstance(c.getSigAlgParams()).getHashAlgorithm().getAlgorithm();
            return OIWObjectIdentifiers.idSHA1.equals(hash) ? "SHA-1" : null;
        }
        return null;
    }

    /** What is too weak about the key, or {@code null}. */
    private static String weakKey(PublicKey key) {
        int bits = Certs.keyBits(key);
        String alg = key.getAlgorithm();
        if (("RSA".equals(alg) || "DSA".equals(alg)) && bits < MIN_RSA_BITS) {
            return "a " + bits + "-bit " + alg + " key; at least " + MIN_RSA_BITS + " bits are needed for 112-bit security";
        }
        if ("EC".equals(alg) && bits < MIN_EC_BITS) {
            return "a " + bits + "-bit EC key; curves of at least " + MIN_EC_BITS + " bits are needed for 112-bit security";
        }
        return null;
    }

    /** NIST SP 800-57 part 1 table 2 equivalents. */
    static int securityBits(PublicKey key) {
        int bits = Certs.keyBits(key);
        if ("EC".equals(key.getAlgorithm())) {
            return bits / 2;
        }
        if ("Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm())) {
            return 128;
        }
        return bits >= 15360 ? 256 : bits >= 7680 ? 192 : bits >= 3072 ? 128 : bits >= 2048 ? 112 : bits >= 1024 ? 80 : 0;
    }
}
