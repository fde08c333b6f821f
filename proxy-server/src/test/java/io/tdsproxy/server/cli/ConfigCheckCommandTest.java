package io.tdsproxy.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tdsproxy config check}: exit 0 for a valid setup, 2 listing every problem with its origin. */
class ConfigCheckCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        CommandLine cli = new CommandLine(new ConfigCheckCommand(env));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void aValidFileExitsZeroAndSummarises() throws Exception {
        Path conf = Files.writeString(dir.resolve("ok.conf"), "[network]\ntcpport = 1533\n[backend]\nhost = db\n"
                + "[proxy]\nmaxconnections = 10\n");

        int code = run(Map.of(), "--config", conf.toString(), "--set", "proxy.idletimeout=5m");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains(conf + ": OK", "listen   0.0.0.0:1533", "backend  db:1433",
                "maxconnections 10", "idletimeout 5m", "no certificate");
    }

    @Test
    void problemsExitTwoEachWithItsOrigin() throws Exception {
        Path conf = Files.writeString(dir.resolve("bad.conf"), "[network]\ntcpport = 1533\n[backend]\nhost = db\n"
                + "[proxy]\nmaxconections = 10\n");

        int code = run(Map.of("TDSPROXY_NETWORK_TCPPORT", "x"), "--config", conf.toString(),
                "--set", "admin.enabled=maybe");

        assertThat(code).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains(conf + ": 3 problems:",
                conf + ":6: [proxy] maxconections is not a known key", "did you mean maxconnections?",
                "environment TDSPROXY_NETWORK_TCPPORT: [network] tcpport = 'x' is not valid",
                "--set admin.enabled: [admin] enabled = 'maybe' is not valid; expected 0 or 1");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingFileExitsTwo() {
        int code = run(Map.of(), "--config", dir.resolve("absent.conf").toString());

        assertThat(code).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("absent.conf: cannot read the configuration file");
    }

    @Test
    void theCertificateChecksRunToo() throws Exception {
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server.key");
        assertThat(Main.commandLine().execute("cert", "generate", "--cn", "localhost", "--cert", cert.toString(),
                "--key", key.toString())).isZero();
        Path conf = Files.writeString(dir.resolve("tls.conf"), "[network]\ntlscert = server.pem\ntlskey = server.key\n"
                + "[backend]\nhost = db\n");

        assertThat(run(Map.of(), "--config", conf.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("tls      " + cert, "0 FAIL");

        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(run(Map.of(), "--config", conf.toString())).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains(conf + ":2: [network] tlscert", "key file permissions");
    }

    @Test
    void everyCommandsHelpShowsExamples() {
        for (String[] command : new String[][] {{"--help"}, {"run", "--help"}, {"demo", "--help"},
                {"testserver", "--help"}, {"config", "--help"}, {"config", "check", "--help"}, {"cert", "--help"},
                {"cert", "generate", "--help"}, {"cert", "check", "--help"}}) {
            StringWriter help = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(help, true));
            assertThat(cli.execute(command)).as(String.join(" ", command)).isZero();
            assertThat(help.toString()).as(String.join(" ", command)).containsPattern("Examples?:")
                    .contains("java -jar tdsproxy.jar");
        }
    }
}
