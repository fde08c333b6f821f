package io.tdsproxy.server.proxy;

import io.tdsproxy.testkit.EmbeddedTdsServer;
import io.tdsproxy.tls.TlsProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Run by {@link ProxyLegacyTlsForkIT} in a fresh JVM: removes TLSv1 and TLSv1.1 from
 * {@code jdk.tls.disabledAlgorithms} before anything touches JSSE (the JDK reads it once per JVM, and
 * both mssql-jdbc and the proxy's JDK provider obey it), then connects mssql-jdbc with each
 * {@code sslProtocol} to proxies listing various {@code tlsprotocols}, one line per case:
 * {@code RESULT <provider> <listed> <sslProtocol> <negotiated protocol | REFUSED>}.
 */
public final class ProxyLegacyTlsMain {
    private ProxyLegacyTlsMain() {
    }

    /** Relaxes the JVM's TLS floor, then prints one {@code RESULT} line per case; arguments are ignored. */
    public static void main(String[] args) throws Exception {
        String relaxed = Arrays.stream(Security.getProperty("jdk.tls.disabledAlgorithms").split(","))
                .map(String::trim)
                .filter(t -> !t.equals("TLSv1") && !t.equals("TLSv1.1"))
                .collect(Collectors.joining(", "));
        Security.setProperty("jdk.tls.disabledAlgorithms", relaxed);
        Path dir = Files.createTempDirectory("tdsproxy-legacy-tls");
        TestPki pki = new TestPki(dir);
        try (EmbeddedTdsServer backend = EmbeddedTdsServer.builder().build().start()) {
            for (TlsProvider provider : TlsProvider.values()) {
                for (String version : new String[] {"TLSv1", "TLSv1.1", "TLSv1.2"}) {
                    run(backend, pki, provider, List.of(version), version);
                    run(backend, pki, provider, List.of("TLSv1", "TLSv1.1", "TLSv1.2"), version);
                }
                run(backend, pki, provider, List.of("TLSv1.2"), "TLSv1");
                run(backend, pki, provider, List.of("TLSv1.1", "TLSv1.2"), "TLSv1");
                run(backend, pki, provider, List.of("TLSv1.2"), "TLSv1.1");
                run(backend, pki, provider, List.of("TLSv1", "TLSv1.1"), "TLSv1.2");
            }
        }
    }

    private static void run(EmbeddedTdsServer backend, TestPki pki, TlsProvider provider, List<String> listed,
                            String offered) throws Exception {
        String outcome;
        try (ProxyFixture proxy = ProxyFixture.tls(backend.port(), pki, false, provider, listed)) {
            try {
                int one = Jdbc.selectOne(Jdbc.url(proxy.port(), ";encrypt=true;sslProtocol=" + offered
                        + Jdbc.trustStore(pki)));
                ConnectionRecord record = proxy.events.nextEstablished();
                outcome = one + " " + record.mode() + " " + record.tlsProtocol().orElse("none");
            } catch (SQLException e) {
                ConnectionRecord closed = proxy.events.nextClosed();
                outcome = "REFUSED " + closed.outcome();
                System.out.println("DETAIL " + provider + " " + listed + " " + offered + ": " + e.getMessage()
                        + " / proxy: " + closed.detail());
            }
        }
        System.out.println("RESULT " + provider + " " + String.join(",", listed) + " " + offered + " " + outcome);
    }
}
