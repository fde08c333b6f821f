package io.tdsproxy.server.proxy;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * mssql-jdbc's {@code sslProtocol=TLSv1|TLSv1.1|TLSv1.2} through the proxy with each TLS provider:
 * each version is accepted when {@code tlsprotocols} lists it and refused when it does not. The JDK
 * disables TLS 1.0/1.1 for the whole JVM, so {@link ProxyLegacyTlsMain} runs the cases in a child JVM
 * that relaxes {@code jdk.tls.disabledAlgorithms} first.
 */
class ProxyLegacyTlsForkIT {

    @Test
    void mssqlJdbcSslProtocolIsAcceptedExactlyWhenListed() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-Xmx384m", "-Dio.netty.leakDetection.level=paranoid",
                "-cp", classpath, ProxyLegacyTlsMain.class.getName()).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = child.getInputStream()) {
            in.transferTo(out);
        }
        assertThat(child.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).as("a leak report in the child").doesNotContain("LEAK:");
        List<String> results = output.lines().filter(l -> l.startsWith("RESULT ")).toList();
        assertThat(results).as(output).containsExactlyElementsOf(expected("OPENSSL", "JDK"));
    }

    /**
     * Per provider: each version alone and among all three is negotiated; an unlisted one is refused
     * with a protocol_version alert. {@code sslProtocol} is a ceiling in mssql-jdbc (the JDK's
     * {@code TLSv1.2} context also offers 1.1 and 1.0), so against a proxy listing only 1.0 and 1.1 the
     * driver settles on TLS 1.1: the proxy still never speaks the unlisted 1.2.
     */
    private static List<String> expected(String... providers) {
        List<String> lines = new ArrayList<>();
        for (String p : providers) {
            for (String v : new String[] {"TLSv1", "TLSv1.1", "TLSv1.2"}) {
                lines.add("RESULT " + p + " " + v + " " + v + " 1 FULL_TLS " + v);
                lines.add("RESULT " + p + " TLSv1,TLSv1.1,TLSv1.2 " + v + " 1 FULL_TLS " + v);
            }
            lines.add("RESULT " + p + " TLSv1.2 TLSv1 REFUSED TLS_FAILED");
            lines.add("RESULT " + p + " TLSv1.1,TLSv1.2 TLSv1 REFUSED TLS_FAILED");
            lines.add("RESULT " + p + " TLSv1.2 TLSv1.1 REFUSED TLS_FAILED");
            lines.add("RESULT " + p + " TLSv1,TLSv1.1 TLSv1.2 1 FULL_TLS TLSv1.1");
        }
        return lines;
    }
}
