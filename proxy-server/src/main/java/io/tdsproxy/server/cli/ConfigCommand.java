package io.tdsproxy.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tdsproxy config}: work with configuration files without running the proxy ({@code check}). */
@Command(name = "config",
        description = "Validate a configuration file without starting the proxy.",
        mixinStandardHelpOptions = true,
        subcommands = ConfigCheckCommand.class,
        footerHeading = "%nExample:%n",
        footer = "  java -jar tdsproxy.jar config check --config /etc/tdsproxy/tdsproxy.conf")
final class ConfigCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("config: name a subcommand: check");
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.EXIT_USAGE;
    }
}
