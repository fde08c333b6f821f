package io.tdsproxy.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key and its certificate chain, leaf first.
 *
 * @param key   the private key of {@code chain.get(0)}; never printed
 * @param chain leaf certificate first, then the issuers in order (the root may be left out)
 */
public record KeyMaterial(PrivateKey key, List<X509Certificate> chain) {
    public KeyMaterial {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain is empty");
        }
    }

    /** The certificate the key belongs to. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The chain as an array, the form Netty's builders take. */
    public X509Certificate[] chainArray() {
        return chain.toArray(new X509Certificate[0]);
    }

    @Override
    public String toString() {
        return "KeyMaterial[key=" + key.getAlgorithm() + " ****, subject=" + leaf().getSubjectX500Principal().getName()
                + ", chain=" + chain.size() + "]";
    }
}
