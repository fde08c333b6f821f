package io.tdsproxy.server.cli;

import io.tdsproxy.testkit.BackendEncryption;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The testserver options that are refused before anything is started. */
class TestServerCommandTest {

    private static String[] run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new String[] {String.valueOf(code), err.toString()};
    }

    @Test
    void encryptionNamesAreParsedCaseInsensitively() {
        assertThat(TestServerCommand.parseEncryption("not_sup")).isEqualTo(BackendEncryption.NOT_SUP);
        assertThat(TestServerCommand.parseEncryption("Not-Sup")).isEqualTo(BackendEncryption.NOT_SUP);
        assertThat(TestServerCommand.parseEncryption("FORCE")).isEqualTo(BackendEncryption.FORCE);
        assertThat(TestServerCommand.parseEncryption(" strict ")).isEqualTo(BackendEncryption.STRICT);
        assertThatThrownBy(() -> TestServerCommand.parseEncryption("sometimes"))
                .hasMessage("--encryption must be not_sup, off, force or strict, got 'sometimes'");
    }

    @Test
    void unknownPolicyIsAUsageError() {
        String[] result = run("testserver", "--port", "0", "--encryption", "sometimes");
        assertThat(result[0]).isEqualTo(String.valueOf(Main.EXIT_USAGE));
        assertThat(result[1]).contains("--encryption must be not_sup, off, force or strict, got 'sometimes'");
    }

    @Test
    void certificateWithoutKeyIsAUsageError() {
        String[] result = run("testserver", "--port", "0", "--encryption", "force", "--cert", "server.pem");
        assertThat(result[0]).isEqualTo(String.valueOf(Main.EXIT_USAGE));
        assertThat(result[1]).contains("--cert and --key go together");
    }

    @Test
    void tlsOptionsWithoutATlsPolicyAreAUsageError() {
        String[] result = run("testserver", "--port", "0", "--accept-strict");
        assertThat(result[0]).isEqualTo(String.valueOf(Main.EXIT_USAGE));
        assertThat(result[1]).contains("need --encryption off, force or strict");
    }
}
