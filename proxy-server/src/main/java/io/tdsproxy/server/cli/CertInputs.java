package io.tdsproxy.server.cli;

import io.tdsproxy.tls.KeyMaterial;
import io.tdsproxy.tls.KeyMaterialException;
import io.tdsproxy.tls.KeyMaterialLoader;
import io.tdsproxy.tls.Secret;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The chain and key {@code cert check} examines, read with {@link KeyMaterialLoader}.
 *
 * <p>Chain and key are read separately rather than through {@link KeyMaterialLoader#load}, which
 * refuses a key that does not match: the doctor reports that as one row among the others. The
 * exception is a PKCS#12 file given as both {@code --cert} and {@code --key}, which only {@code load}
 * reads (a combined PEM file holding certificate and key is read the separate way).
 *
 * @param chain the certificates in file order
 * @param key   the private key; never printed
 */
record CertInputs(List<X509Certificate> chain, PrivateKey key) {
    static CertInputs load(Path certFile, Path keyFile, Secret passphrase) {
        List<X509Certificate> chain;
        try {
            chain = KeyMaterialLoader.readCertificates(certFile);
        } catch (KeyMaterialException notPem) {
            if (!certFile.equals(keyFile)) {
                throw new KeyMaterialException(notPem.getMessage()
                        + " (for a PKCS#12 file holding key and chain, pass it as both --cert and --key)", notPem);
            }
            KeyMaterial both = KeyMaterialLoader.load(certFile, passphrase);
            return new CertInputs(both.chain(), both.key());
        }
        return new CertInputs(chain, KeyMaterialLoader.loadKey(keyFile, passphrase));
    }

    @Override
    public String toString() {
        return "CertInputs[chain=" + chain.size() + ", key=" + key.getAlgorithm() + " ****]";
    }
}
