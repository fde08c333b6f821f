package io.tdsproxy.tls.check;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The private key belongs to the server certificate, the first one in the file: the key signs a random
 * challenge and the certificate's public key must verify it. When the key instead belongs to another
 * certificate of the file, the detail says which, since the usual cause is a chain written in the
 * wrong order.
 */
final class KeyMatchCheck implements Check {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Requirement requirement() {
        return Requirement.KEY_MATCH;
    }

    @Override
    public CheckRow run(CheckInput in) {
        PrivateKey key = in.key();
        PublicKey certKey = in.leaf().getPublicKey();
        if (signatureFor(key) == null) {
            return CheckRow.fail(requirement(), "cannot use a " + key.getAlgorithm() + " private key (RSA or EC expected)",
                    "use the RSA or EC key the certificate was issued for");
        }
        if (matches(key, certKey)) {
            return CheckRow.pass(requirement(), "the " + key.getAlgorithm() + " private key signs what the certificate's "
                    + "public key verifies");
        }
        List<X509Certificate> chain = in.chain();
        for (int i = 1; i < chain.size(); i++) {
            if (matches(key, chain.get(i).getPublicKey())) {
                return CheckRow.fail(requirement(), "the key belongs to certificate " + Certs.describe(chain, i)
                        + ", not to the first certificate " + Certs.describe(chain, 0),
                        "put the server certificate first in the certificate file, then its issuers in order");
            }
        }
        String kinds = key.getAlgorithm().equals(certKey.getAlgorithm()) ? ""
                : " (the key is " + key.getAlgorithm() + ", the certificate's key is " + certKey.getAlgorithm() + ")";
        return CheckRow.fail(requirement(), "the private key does not belong to certificate " + Certs.describe(chain, 0)
                + kinds, "use the key file generated with this certificate (compare: openssl x509 -noout -pubkey -in CERT "
                + "and openssl pkey -pubout -in KEY)");
    }

    /** Sign-and-verify; the only test that works for every key encoding (PKCS#8, PKCS#1, PKCS#12). */
    static boolean matches(PrivateKey key, PublicKey publicKey) {
        String algorithm = signatureFor(key);
        if (algorithm == null || !key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String signatureFor(PrivateKey key) {
        switch (key.getAlgorithm()) {
            case "RSA":
                return "SHA256withRSA";
            case "EC":
                return "SHA256withECDSA";
            default:
                return null;
        }
    }
}
