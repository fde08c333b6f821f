package io.tdsproxy.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;

/** Whether a private key belongs to a certificate: sign a random challenge, verify with the certificate. */
final class KeyChecks {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyChecks() {
    }

    static boolean matches(PrivateKey key, X509Certificate certificate) {
        String keyAlg = key.getAlgorithm();
        if (!keyAlg.equals(certificate.getPublicKey().getAlgorithm())) {
            return false;
        }
        String signature = "EC".equals(keyAlg) ? "SHA256withECDSA" : "RSA".equals(keyAlg) ? "SHA256withRSA" : null;
        if (signature == null) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            Signature signer = Signature.getInstance(signature);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signed = signer.sign();
            Signature verifier = Signature.getInstance(signature);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signed);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
