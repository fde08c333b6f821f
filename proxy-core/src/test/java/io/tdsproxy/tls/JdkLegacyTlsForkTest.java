package io.tdsproxy.tls;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS 1.0/1.1 with the JDK provider, which the JVM's jdk.tls.disabledAlgorithms forbids by default and
 * reads only once per JVM: {@link JdkLegacyTlsMain} relaxes it first thing in a child JVM and reports.
 */
class JdkLegacyTlsForkTest {

    @Test
    void jdkProviderSpeaksListedLegacyVersionsOnceTheJvmAllowsThem() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", classpath, JdkLegacyTlsMain.class.getName())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = child.getInputStream()) {
            in.transferTo(out);
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(output).isZero();
        List<String> results = output.lines().filter(l -> l.startsWith("RESULT ")).toList();
        assertThat(results).as(output).containsExactlyInAnyOrder(
                "RESULT JDK 1.0,1.1,1.2 JDK 1.0 TLSv1/TLSv1",
                "RESULT OPENSSL 1.0,1.1,1.2 JDK 1.0 TLSv1/TLSv1",
                "RESULT JDK 1.0,1.1,1.2 OPENSSL 1.0 TLSv1/TLSv1",
                "RESULT JDK 1.0,1.1,1.2 JDK 1.1 TLSv1.1/TLSv1.1",
                "RESULT OPENSSL 1.0,1.1,1.2 JDK 1.1 TLSv1.1/TLSv1.1",
                "RESULT JDK 1.0,1.1,1.2 OPENSSL 1.1 TLSv1.1/TLSv1.1",
                "RESULT JDK 1.0,1.1,1.2 JDK 1.2 TLSv1.2/TLSv1.2",
                "RESULT OPENSSL 1.0,1.1,1.2 JDK 1.2 TLSv1.2/TLSv1.2",
                "RESULT JDK 1.0,1.1,1.2 OPENSSL 1.2 TLSv1.2/TLSv1.2",
                "RESULT JDK 1.2 JDK 1.0 REFUSED",
                "RESULT JDK 1.2 JDK 1.1 REFUSED",
                "RESULT OPENSSL 1.2 JDK 1.0 REFUSED",
                "RESULT JDK 1.1 JDK 1.2 REFUSED");
    }
}
