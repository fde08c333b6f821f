package io.tdsproxy.server.cli;

import io.tdsproxy.server.config.ConfigException;
import io.tdsproxy.server.config.Durations;
import io.tdsproxy.server.config.Settings;
import io.tdsproxy.server.config.SettingsLoader;
import io.tdsproxy.server.proxy.CertificateGate;
import io.tdsproxy.tls.check.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code tdsproxy config check}: everything {@code run} checks before it binds a socket (the file, the
 * environment and {@code --set} overrides, the certificate and key with every {@code cert check}
 * requirement), without starting. Prints every problem, one per line, each naming its origin.
 */
@Command(name = "check",
        description = "Validate the file, TDSPROXY_<SECTION>_<KEY> variables and --set overrides as `run` would, "
                + "including the certificate checks, without starting the proxy.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar tdsproxy.jar config check --config /etc/tdsproxy/tdsproxy.conf",
                "  java -jar tdsproxy.jar config check --config /var/opt/mssql/mssql.conf --set backend.host=10.0.0.5"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the configuration is valid (warnings are printed)",
                "2:the configuration has problems (each printed with its file:line or override)"})
final class ConfigCheckCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The file to check.")
    private Path config;

    @Option(names = "--set", paramLabel = "SECTION.KEY=VALUE", description = "Override one key, as for run; repeatable.")
    private List<String> sets = new ArrayList<>();

    private final Map<String, String> env;

    /** The command picocli instantiates: reads this process's environment. */
    ConfigCheckCommand() {
        this(System.getenv());
    }

    /** A command reading {@code env} instead (tests). */
    ConfigCheckCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings;
        Optional<Report> certificate;
        try {
            settings = SettingsLoader.load(config, env, sets);
            certificate = CertificateGate.check(settings.proxy());
        } catch (ConfigException e) {
            err.println(config + ": " + e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s") + ":");
            e.problems().forEach(p -> err.println("  " + p));
            return Main.EXIT_USAGE;
        }
        out.println(config + ": OK");
        out.println("  listen   " + settings.proxy().network().ipAddress() + ":" + settings.proxy().network().tcpPort()
                + (settings.proxy().network().forceEncryption() ? ", forceencryption 1" : ""));
        out.println("  backend  " + settings.proxy().backend().address());
        out.println("  tls      " + certificate.map(r -> settings.proxy().network().tls().orElseThrow().certificate()
                + " (" + r.summary() + ")").orElse("no certificate: clients cannot encrypt"));
        out.println("  limits   maxconnections " + settings.tuning().maxConnections() + ", handshaketimeout "
                + Durations.format(settings.tuning().handshakeTimeout()) + ", idletimeout "
                + Durations.format(settings.tuning().idleTimeout()) + ", draintimeout "
                + Durations.format(settings.tuning().drainTimeout()));
        out.println("  admin    " + (settings.admin().enabled()
                ? settings.admin().ipAddress() + ":" + settings.admin().port() : "off"));
        return 0;
    }
}
