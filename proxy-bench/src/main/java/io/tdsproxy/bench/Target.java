package io.tdsproxy.bench;

import io.netty.handler.ssl.SslContext;

/**
 * Where and how the generator connects.
 *
 * @param host       loopback address of the target
 * @param port       its port
 * @param mode       the encryption mode of every connection
 * @param tls        the client TLS context (null for {@link Mode#PLAINTEXT})
 * @param user       login name
 * @param password   login password (kept only to build LOGIN7, which obfuscates it at once)
 * @param packetSize packet size asked for in LOGIN7
 */
record Target(String host, int port, Mode mode, SslContext tls, String user, String password, int packetSize) {
    Target {
        if (mode.usesTls() != (tls != null)) {
            throw new IllegalArgumentException("mode " + mode + (tls == null ? " needs" : " takes no") + " TLS context");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port + " " + mode; // never the password
    }
}
