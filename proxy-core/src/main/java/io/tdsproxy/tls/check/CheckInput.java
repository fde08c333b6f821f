package io.tdsproxy.tls.check;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What every check looks at.
 *
 * @param chain       the certificate file's certificates in file order (the server certificate first)
 * @param key         the private key; never printed
 * @param keyFile     where the key was read from, or {@code null} when it did not come from a file
 * @param host        the name clients connect to, or {@code null} when unknown
 * @param now         the instant validity is judged at
 * @param runningUser the user name the proxy runs as (owner expected for the key file)
 */
record CheckInput(List<X509Certificate> chain, PrivateKey key, Path keyFile, String host, Instant now,
                  String runningUser) {
    CheckInput {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain is empty");
        }
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        host = host == null || host.isBlank() ? null : host.trim();
    }

    X509Certificate leaf() {
        return chain.get(0);
    }

    @Override
    public String toString() {
        return "CheckInput[chain=" + chain.size() + ", key=" + key.getAlgorithm() + " ****, keyFile=" + keyFile
                + ", host=" + host + ", now=" + now + ", runningUser=" + runningUser + "]";
    }
}
