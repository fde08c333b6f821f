package io.tdsproxy.tls;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/** Key types {@link CertificateGenerator} can make. */
public enum KeyType {
    RSA_2048("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4)),
    RSA_3072("RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4)),
    EC_P256("EC", new ECGenParameterSpec("secp256r1")),
    EC_P384("EC", new ECGenParameterSpec("secp384r1"));

    private final String algorithm;
    private final AlgorithmParameterSpec spec;

    KeyType(String algorithm, AlgorithmParameterSpec spec) {
        this.algorithm = algorithm;
        this.spec = spec;
    }

    /** JCA key algorithm name, {@code RSA} or {@code EC}. */
    public String algorithm() {
        return algorithm;
    }

    AlgorithmParameterSpec spec() {
        return spec;
    }
}
