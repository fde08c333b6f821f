package io.tdsproxy.bench;

import io.tdsproxy.server.config.BackendConfig;
import io.tdsproxy.server.config.NetworkConfig;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.config.TlsConfig;
import io.tdsproxy.server.proxy.ProxyServer;
import io.tdsproxy.testkit.EmbeddedTdsServer;
import io.tdsproxy.tls.CertificateGenerator;
import io.tdsproxy.tls.GeneratedCertificate;
import io.tdsproxy.tls.KeyMaterialLoader;
import io.tdsproxy.tls.PemFiles;
import io.tdsproxy.tls.ServerTlsContexts;
import io.tdsproxy.tls.TlsProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the load generator working: every scenario in every mode for about a second with tiny counts,
 * against the embedded backend, an in-process tdsproxy (full, login-only, plaintext) and an in-process
 * TLS-first terminator standing in for HAProxy/stunnel (strict, TLS 1.2 and 1.3). Asserts that each
 * run exits 0 and wrote a result line with a non-zero count and no error, and that the report renders.
 * No timing is asserted. Runs with paranoid leak detection, so a leaked buffer in the generator fails it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratorSmokeIT {
    private Path dir;
    private EmbeddedTdsServer backend;
    private ProxyServer proxy;
    private TlsFirstTerminator terminator;
    private StatsListener stats;
    private Path results;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        backend = EmbeddedTdsServer.builder().host("127.0.0.1").port(0).build().start();
        GeneratedCertificate cert = CertificateGenerator.builder().subject("localhost").sans("127.0.0.1").generate();
        Path pem = dir.resolve("server.pem");
        Path key = dir.resolve("server.key");
        PemFiles.writeCertificates(pem, cert.chain());
        PemFiles.writePkcs8(key, cert.key());
        TlsConfig tls = new TlsConfig(pem, key, null, List.of("TLSv1.2"), null, TlsProvider.OPENSSL);
        proxy = ProxyServer.builder(ProxyConfig.of(new NetworkConfig("127.0.0.1", 0, false, Optional.of(tls)),
                new BackendConfig("127.0.0.1", backend.port()))).workerThreads(1).build().start();
        terminator = new TlsFirstTerminator(ServerTlsContexts.strict(KeyMaterialLoader.load(pem, key, null),
                List.of("TLSv1.2", "TLSv1.3"), null, TlsProvider.OPENSSL), backend.port());
        stats = StatsListener.start(0);
        results = dir.resolve("results.tsv");
    }

    @AfterAll
    void stop() throws Exception {
        stats.close();
        terminator.close();
        proxy.close();
        backend.close();
    }

    @Test
    void connectInEveryMode() throws Exception {
        for (String[] target : targets()) {
            Map<String, String> r = run("connect", target, "--workers", "2", "--count", "6", "--warmup", "0.3",
                    "--duration", "1");
            assertThat(Long.parseLong(r.get("connections"))).as("connections %s", r).isPositive();
            assertThat(r.get("errors")).as("errors %s", r).isEqualTo("0");
        }
    }

    @Test
    void latencyInEveryMode() throws Exception {
        for (String[] target : targets()) {
            Map<String, String> r = run("latency", target, "--duration", "0.5", "--warmup", "0.1");
            assertThat(Long.parseLong(r.get("requests"))).as("requests %s", r).isPositive();
            assertThat(r.get("errors")).isEqualTo("0");
        }
    }

    @Test
    void throughputInEveryMode() throws Exception {
        for (String[] target : targets()) {
            List<Map<String, String>> rows = runAll("throughput", target, "--connections", "1,3",
                    "--total-bytes", "3000000", "--warmup-bytes", "0");
            assertThat(rows).hasSize(2);
            for (Map<String, String> r : rows) {
                assertThat(Long.parseLong(r.get("bytes"))).as("bytes %s", r).isGreaterThanOrEqualTo(3_000_000L);
            }
        }
    }

    @Test
    void idleMeasuresTheProxyProcess() throws Exception {
        String pid = Long.toString(ProcessHandle.current().pid());
        Map<String, String> r = run("idle", fullTls(), "--connections", "8", "--hold", "0.2", "--relay-pid", pid,
                "--stats-port", Integer.toString(stats.port()));
        assertThat(r.get("connections")).isEqualTo("8");
        assertThat(r.get("heapPerConnKB")).isNotEqualTo("-");
        assertThat(r.get("negotiated")).startsWith("TLSv1.2");
    }

    @Test
    void throughputWithCostsAndReport() throws Exception {
        String pid = Long.toString(ProcessHandle.current().pid());
        Map<String, String> r = run("throughput", fullTls(), "--connections", "2", "--total-bytes", "2000000",
                "--warmup-bytes", "0", "--relay-pid", pid, "--backend-pid", pid,
                "--stats-port", Integer.toString(stats.port()));
        assertThat(Double.parseDouble(r.get("perGBAlloc"))).isPositive();
        assertThat(BenchMain.commandLine().execute("loopback", "--bytes", "20000000", "--results", results.toString()))
                .isZero();
        Path report = dir.resolve("report.md");
        Path doc = dir.resolve("doc.md");
        Files.writeString(doc, "intro\n" + ReportCommand.BEGIN + "\nold\n" + ReportCommand.END + "\noutro\n");
        assertThat(BenchMain.commandLine().execute("report", "--results", results.toString(), "--out", report.toString(),
                "--doc", doc.toString())).isZero();
        assertThat(Files.readString(report)).contains("### throughput", "tdsproxy-full", "netty-loopback");
        assertThat(Files.readString(doc)).startsWith("intro\n").contains("### throughput").doesNotContain("old")
                .endsWith(ReportCommand.END + "\noutro\n");
    }

    private List<String[]> targets() {
        return List.of(
                new String[] {"--port", Integer.toString(backend.port()), "--mode", "PLAINTEXT", "--target", "direct"},
                fullTls(),
                new String[] {"--port", Integer.toString(proxy.port()), "--mode", "LOGIN_ONLY", "--target", "tdsproxy-login-only"},
                new String[] {"--port", Integer.toString(proxy.port()), "--mode", "PLAINTEXT", "--target", "tdsproxy-plaintext"},
                new String[] {"--port", Integer.toString(terminator.port()), "--mode", "STRICT", "--tls", "1.2", "--target", "tls-first"},
                new String[] {"--port", Integer.toString(terminator.port()), "--mode", "STRICT", "--tls", "1.3", "--target", "tls-first"});
    }

    private String[] fullTls() {
        return new String[] {"--port", Integer.toString(proxy.port()), "--mode", "FULL", "--target", "tdsproxy-full"};
    }

    private Map<String, String> run(String scenario, String[] target, String... args) throws Exception {
        List<Map<String, String>> rows = runAll(scenario, target, args);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    /** Runs one scenario through the jar's command line; returns the result lines it appended. */
    private List<Map<String, String>> runAll(String scenario, String[] target, String... args) throws Exception {
        int before = Files.exists(results) ? Files.readAllLines(results).size() : 0;
        List<String> argv = new ArrayList<>(List.of(scenario, "--results", results.toString()));
        argv.addAll(Arrays.asList(target));
        argv.addAll(Arrays.asList(args));
        int exit = BenchMain.commandLine().execute(argv.toArray(new String[0]));
        assertThat(exit).as("exit code of %s", argv).isZero();
        List<String> lines = Files.readAllLines(results);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(before, lines.size())) {
            rows.add(Results.parse(line));
        }
        return rows;
    }
}
