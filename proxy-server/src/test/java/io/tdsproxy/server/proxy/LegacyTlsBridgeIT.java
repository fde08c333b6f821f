package io.tdsproxy.server.proxy;

import io.tdsproxy.server.config.BackendConfig;
import io.tdsproxy.server.config.BackendEncrypt;
import io.tdsproxy.server.config.BackendTlsConfig;
import io.tdsproxy.server.config.NetworkConfig;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.config.TlsConfig;
import io.tdsproxy.testkit.BackendEncryption;
import io.tdsproxy.testkit.ConnectionSecurity;
import io.tdsproxy.testkit.EncryptionMode;
import io.tdsproxy.tls.TlsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge case of issue 4: mssql-jdbc restricted to TLS 1.0 ({@code sslProtocol=TLSv1}, in a child
 * JVM whose {@code jdk.tls.disabledAlgorithms} allows it) reaches, through the proxy, a backend that
 * forces encryption and accepts only TLS 1.2, and runs a query. Each leg keeps its own protocol.
 */
class LegacyTlsBridgeIT {
    @TempDir
    Path dir;

    @Test
    void tls10ClientReachesATls12OnlyBackend() throws Exception {
        try (BackendUnderTest backend = BackendUnderTest.start(BackendEncryption.FORCE, "1.2", dir)) {
            TestPki pki = new TestPki(dir);
            TlsConfig clientLeg = new TlsConfig(pki.certificate, pki.key, null, List.of("TLSv1", "TLSv1.2"), null,
                    TlsProvider.OPENSSL);
            BackendConfig target = new BackendConfig("127.0.0.1", backend.port(), new BackendTlsConfig(
                    BackendEncrypt.ON, false, backend.caPem(), BackendUnderTest.NAME, List.of("TLSv1.2")));
            try (ProxyFixture proxy = ProxyFixture.start(ProxyConfig.of(
                    new NetworkConfig("127.0.0.1", 0, false, Optional.of(clientLeg)), target))) {
                String output = runClient(Jdbc.url(proxy.port(), ";encrypt=true;sslProtocol=TLSv1" + Jdbc.trustStore(pki)));
                assertThat(output).contains("RESULT 42");
                assertThat(output).as("mssql-jdbc notices the old protocol").contains("WARNING TLSv1 was negotiated");

                ConnectionRecord record = proxy.events.nextEstablished();
                assertThat(record.mode()).isEqualTo(ClientLegMode.FULL_TLS);
                assertThat(record.tlsProtocol()).contains("TLSv1");
                assertThat(record.backendMode()).isEqualTo(BackendLegMode.FULL_TLS);
                assertThat(record.backendTlsProtocol()).contains("TLSv1.2");
                ConnectionSecurity seen = backend.nextConnection();
                assertThat(seen.mode()).isEqualTo(EncryptionMode.FULL_TLS);
                assertThat(seen.tlsProtocol()).contains("TLSv1.2");
            }
        }
    }

    private static String runClient(String url) throws Exception {
        String classpath = System.getProperty("java.class.path");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", classpath, LegacyTlsJdbcMain.class.getName(), url)
                .redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = child.getInputStream()) {
            in.transferTo(out);
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(output).isZero();
        return output;
    }
}
