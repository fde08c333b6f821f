package io.tdsproxy.tls;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * The Bouncy Castle provider instance the tls package uses for PEM encryption and decryption (PBES2,
 * OpenSSL's legacy key derivation). It is passed explicitly and never installed JVM-wide, so JSSE and
 * the rest of the process keep the JDK's providers.
 */
final class Bc {
    static final Provider PROVIDER = new BouncyCastleProvider();

    private Bc() {
    }

    /**
     * The same key as a Bouncy Castle key object. Needed before writing a traditional
     * {@code EC PRIVATE KEY}: the JDK's PKCS#8 encoding keeps the curve only in the outer algorithm
     * identifier, BC's also inside the SEC1 structure, which is where OpenSSL expects it.
     */
    static PrivateKey toBc(PrivateKey key) throws GeneralSecurityException {
        return KeyFactory.getInstance(key.getAlgorithm(), PROVIDER)
                .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    }
}
