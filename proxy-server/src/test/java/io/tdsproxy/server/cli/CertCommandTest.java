package io.tdsproxy.server.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class CertCommandTest {
    /** What one in-process run of {@code tdsproxy cert ...} printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    /** Runs {@code cert} with these arguments in-process, the way Main will. */
    static Run cert(String... args) {
        return run(new CertCommand(), args);
    }

    /** Runs any of the cert commands (e.g. one built with a fixed clock) in-process. */
    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void withoutASubcommandItPrintsUsageAndExits2() {
        Run run = cert();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("generate").contains("check");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        assertThat(cert("renew").exitCode()).isEqualTo(2);
    }

    @Test
    void helpListsBothSubcommands() {
        Run run = cert("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("generate").contains("check");
    }

    @Test
    void subcommandHelpDocumentsTheOptionsAndExitCodes() {
        Run generate = cert("generate", "--help");
        assertThat(generate.exitCode()).isZero();
        assertThat(generate.out()).contains("--key-type=TYPE").contains("rsa2048, rsa3072, ecp256, ecp384")
                .contains("--key=FILE").contains("Exit codes");
        Run check = cert("check", "--help");
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).contains("--key-password-file=FILE").contains("3   a requirement failed");
    }
}
