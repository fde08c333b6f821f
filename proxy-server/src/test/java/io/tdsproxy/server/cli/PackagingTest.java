package io.tdsproxy.server.cli;

import io.tdsproxy.server.config.ConfigLoader;
import io.tdsproxy.server.config.IniParser;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.tls.CertificateGenerator;
import io.tdsproxy.tls.GeneratedCertificate;
import io.tdsproxy.tls.PemFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.ParseResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tdsproxy.server.cli.PackagingFiles.at;
import static io.tdsproxy.server.cli.PackagingFiles.named;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile, compose file, Kubernetes Pod and systemd unit cannot run here, so this checks what
 * they rely on: every command line they give parses with the real CLI, the jar and config paths agree
 * with the build and with each other, the sidecar config is valid, and ports, Secret keys and mount
 * directories match that config. The unit also goes through {@code systemd-analyze verify}.
 */
class PackagingTest {
    /** proxy.draintimeout's default (issue 5, item 9): stop timeouts must exceed it. */
    private static final Duration DRAIN_DEFAULT = Duration.ofSeconds(30);
    private static final String IMAGE_JAR = "/opt/tdsproxy/tdsproxy.jar";
    private static final String IMAGE_CONFIG = "/etc/tdsproxy/tdsproxy.conf";

    @TempDir
    static Path dir;
    /** docker/tdsproxy.conf with its certificate paths pointed at generated files, loaded strictly. */
    static ProxyConfig sidecar;
    static String tlsDirectory;

    @BeforeAll
    static void loadSidecarConfig() throws Exception {
        String text = PackagingFiles.read("docker/tdsproxy.conf");
        tlsDirectory = value(text, "tlscert").replaceFirst("/[^/]+$", "");
        assertThat(value(text, "tlskey")).startsWith(tlsDirectory + "/");
        GeneratedCertificate pair = CertificateGenerator.builder().subject("localhost").generate();
        PemFiles.writeCertificates(dir.resolve("tls.crt"), pair.chain());
        PemFiles.writePkcs8(dir.resolve("tls.key"), pair.key());
        String local = text.replace(tlsDirectory + "/", dir + "/");
        sidecar = ConfigLoader.from(IniParser.parse("docker/tdsproxy.conf", local), dir);
    }

    private static String value(String ini, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + "\\s*=\\s*(\\S+)").matcher(ini);
        assertThat(m.find()).as("%s in docker/tdsproxy.conf", key).isTrue();
        return m.group(1);
    }

    /** Parses a tdsproxy command line with the real CLI (nothing runs) and returns the innermost subcommand. */
    private static ParseResult parse(List<String> args) {
        ParseResult result = Main.commandLine().parseArgs(args.toArray(new String[0]));
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return result;
    }

    private static void assertRunsTheImageConfig(List<String> args) {
        ParseResult run = parse(args);
        assertThat(run.commandSpec().name()).isEqualTo("run");
        assertThat(run.matchedOptionValue("--config", (Path) null)).isEqualTo(Path.of(IMAGE_CONFIG));
    }

    @Test
    void sidecarConfigIsValidAndSidecarShaped() {
        assertThat(sidecar.network().tcpPort()).isEqualTo(1433);
        assertThat(sidecar.network().forceEncryption()).isTrue();
        assertThat(sidecar.backend().host()).as("same network namespace").isEqualTo("127.0.0.1");
        assertThat(sidecar.network().tls().orElseThrow().certificate().getFileName()).hasToString("tls.crt");
        assertThat(sidecar.network().tls().orElseThrow().privateKey().getFileName()).hasToString("tls.key");
    }

    @Test
    void dockerfileBuildsTheShadedJarAndRunsItAsPidOne() throws Exception {
        List<Map.Entry<String, String>> steps = PackagingFiles.dockerInstructions(PackagingFiles.read("docker/Dockerfile"));
        List<String> froms = steps.stream().filter(e -> e.getKey().equals("FROM")).map(Map.Entry::getValue).toList();
        assertThat(froms).hasSize(2);
        assertThat(froms.get(0)).contains("maven", "temurin-17").endsWith("AS build");
        assertThat(froms.get(1)).startsWith("eclipse-temurin:17-jre");
        String pom = PackagingFiles.read("proxy-server/pom.xml");
        assertThat(pom).contains("<finalName>tdsproxy</finalName>");
        assertThat(steps).contains(Map.entry("COPY", "--from=build /src/proxy-server/target/tdsproxy.jar " + IMAGE_JAR),
                Map.entry("COPY", "docker/tdsproxy.conf " + IMAGE_CONFIG), Map.entry("WORKDIR", "/src"));
        for (Map.Entry<String, String> step : steps) {
            if (step.getKey().equals("COPY") && !step.getValue().startsWith("--from")) {
                String source = step.getValue().split(" ")[0];
                assertThat(PackagingFiles.ROOT.resolve(source)).as("COPY source %s", source).exists();
            }
        }
        assertThat(steps).contains(Map.entry("USER", "10001:10001"));
        List<String> entrypoint = exec(steps, "ENTRYPOINT");
        assertThat(entrypoint).as("exec form: the JVM is PID 1").containsExactly("java", "-jar", IMAGE_JAR);
        assertRunsTheImageConfig(exec(steps, "CMD"));
        assertThat(steps).contains(Map.entry("EXPOSE", Integer.toString(sidecar.network().tcpPort())));
    }

    @SuppressWarnings("unchecked")
    private static List<String> exec(List<Map.Entry<String, String>> steps, String keyword) {
        String json = steps.stream().filter(e -> e.getKey().equals(keyword)).reduce((a, b) -> b).orElseThrow().getValue();
        assertThat(json).as("%s in exec (JSON) form", keyword).startsWith("[");
        return (List<String>) new Yaml().load(json);
    }

    @Test
    void composeRunsSqlServerBehindTheProxyWithAGeneratedCertificate() throws Exception {
        Map<String, Object> compose = PackagingFiles.yaml("docker/compose.yaml");
        Map<String, Object> mssql = at(compose, "services", "mssql");
        assertThat(at(mssql, "image").toString()).isEqualTo("mcr.microsoft.com/mssql/server:2022-latest");
        assertThat(at(mssql, "environment", "MSSQL_TCP_PORT").toString())
                .isEqualTo(Integer.toString(sidecar.backend().port()));
        int port = sidecar.network().tcpPort();
        assertThat((List<String>) at(mssql, "ports")).containsExactly(port + ":" + port);

        Map<String, Object> proxy = at(compose, "services", "tdsproxy");
        assertThat(at(proxy, "network_mode").toString()).isEqualTo("service:mssql");
        assertRunsTheImageConfig(at(proxy, "command"));
        assertThat((List<String>) at(proxy, "volumes")).containsExactly("tdsproxy-tls:" + tlsDirectory + ":ro");
        assertThat(at(proxy, "depends_on", "cert-init", "condition").toString())
                .isEqualTo("service_completed_successfully");
        assertThat(Duration.ofSeconds(Long.parseLong(at(proxy, "stop_grace_period").toString().replace("s", ""))))
                .isGreaterThan(DRAIN_DEFAULT);

        Map<String, Object> init = at(compose, "services", "cert-init");
        assertThat(PackagingFiles.ROOT.resolve("docker").resolve(at(init, "build", "context").toString())
                .resolve(at(init, "build", "dockerfile").toString())).isRegularFile();
        assertThat((List<String>) at(init, "volumes")).containsExactly("tdsproxy-tls:" + tlsDirectory);
        String script = ((List<String>) at(init, "command")).get(0);
        assertThat(script).startsWith("test -f " + tlsDirectory + "/tls.crt ||").contains("exec java -jar " + IMAGE_JAR);
        List<String> generate = Arrays.asList(script.substring(script.indexOf(IMAGE_JAR) + IMAGE_JAR.length()).trim()
                .split("\\s+"));
        ParseResult parsed = parse(generate);
        assertThat(parsed.commandSpec().qualifiedName()).isEqualTo("tdsproxy cert generate");
        assertThat(parsed.matchedOptionValue("--cert", (Path) null))
                .isEqualTo(Path.of(tlsDirectory, "tls.crt"));
        assertThat(parsed.matchedOptionValue("--key", (Path) null)).isEqualTo(Path.of(tlsDirectory, "tls.key"));
    }

    @Test
    void kubernetesPodSharesATlsSecretWithTheSidecar() throws Exception {
        List<Map<String, Object>> documents = PackagingFiles.yamlDocuments("docker/k8s/pod.yaml");
        Map<String, Object> pod = documents.stream().filter(d -> "Pod".equals(d.get("kind"))).findFirst().orElseThrow();
        List<Map<String, Object>> containers = at(pod, "spec", "containers");
        Map<String, Object> mssql = named(containers, "mssql");
        assertThat(at(mssql, "image").toString()).isEqualTo("mcr.microsoft.com/mssql/server:2022-latest");
        assertThat(at(named(at(mssql, "env"), "MSSQL_TCP_PORT"), "value").toString())
                .isEqualTo(Integer.toString(sidecar.backend().port()));

        Map<String, Object> proxy = named(containers, "tdsproxy");
        assertRunsTheImageConfig(at(proxy, "args"));
        Map<String, Object> tdsPort = named(at(proxy, "ports"), "tds");
        assertThat((Integer) at(tdsPort, "containerPort")).isEqualTo(sidecar.network().tcpPort());
        assertThat((Integer) at(proxy, "securityContext", "runAsUser")).isEqualTo(10001);
        Map<String, Object> mount = named(at(proxy, "volumeMounts"), "tls");
        assertThat(PackagingFiles.<String>at(mount, "mountPath")).isEqualTo(tlsDirectory);
        assertThat(mount).as("subPath mounts get no Secret updates").doesNotContainKey("subPath");
        assertThat(named(at(mssql, "volumeMounts"), "tls")).as("both containers mount the Secret").isNotNull();

        Map<String, Object> volume = named(at(pod, "spec", "volumes"), "tls");
        assertThat(PackagingFiles.<String>at(volume, "secret", "secretName")).isEqualTo("tdsproxy-tls");
        assertThat((Integer) at(volume, "secret", "defaultMode")).as("0440: no access for others").isEqualTo(0440);
        assertThat((Integer) at(pod, "spec", "securityContext", "fsGroup")).isEqualTo(10001);
        assertThat(Duration.ofSeconds((Integer) at(pod, "spec", "terminationGracePeriodSeconds"))).isGreaterThan(DRAIN_DEFAULT);

        Map<String, Object> service = documents.stream().filter(d -> "Service".equals(d.get("kind"))).findFirst().orElseThrow();
        assertThat(at(service, "spec", "ports", 0, "targetPort").toString()).isEqualTo("tds");
    }

    @Test
    void systemdUnitRunsTheJarReloadsOnSighupAndOutlastsTheDrain() throws Exception {
        Map<String, Map<String, List<String>>> unit = PackagingFiles.systemdUnit(PackagingFiles.read("config/tdsproxy.service"));
        Map<String, List<String>> service = unit.get("Service");
        List<String> exec = Arrays.asList(service.get("ExecStart").get(0).split("\\s+"));
        assertThat(exec.subList(0, 3)).containsExactly("/usr/bin/java", "-jar", "/opt/tdsproxy/tdsproxy.jar");
        ParseResult run = parse(exec.subList(3, exec.size()));
        assertThat(run.commandSpec().name()).isEqualTo("run");
        assertThat(service.get("ExecReload")).containsExactly("/bin/kill -HUP $MAINPID");
        assertThat(service.get("KillSignal")).containsExactly("SIGTERM");
        assertThat(Duration.ofSeconds(Long.parseLong(service.get("TimeoutStopSec").get(0)))).isGreaterThan(DRAIN_DEFAULT);
        assertThat(service.get("RestartPreventExitStatus").get(0).split(" "))
                .contains(Integer.toString(Main.EXIT_USAGE));
        assertThat(service).containsKeys("NoNewPrivileges", "ProtectSystem", "PrivateTmp", "CapabilityBoundingSet");
        assertThat(service.get("User")).containsExactly("tdsproxy");
    }

    @Test
    void systemdAnalyzeVerifiesTheUnit() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assertThat(analyze).as("systemd-analyze is missing: install the systemd package (.ci/run does)").isExecutable();
        Path unit = dir.resolve("tdsproxy.service");
        Files.copy(PackagingFiles.ROOT.resolve("config/tdsproxy.service"), unit);
        Process verify = new ProcessBuilder(analyze.toString(), "verify", unit.toString()).redirectErrorStream(true).start();
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(verify.getInputStream().readAllBytes());
        assertThat(verify.exitValue()).as(output).isZero();
        // Unknown keys are only warned about: systemd-analyze still exits 0.
        assertThat(output).doesNotContain("Unknown", "ignoring", "not executable");
    }
}
