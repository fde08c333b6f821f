package io.tdsproxy.server.cli;

import io.tdsproxy.testkit.EmbeddedTdsServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Runs the embedded TDS backend (H2 behind a TDS 7.4 front) until interrupted. */
@Command(name = "testserver",
        description = "Run the embedded TDS server (an H2 database that SQL Server clients can log into).",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar tdsproxy.jar testserver",
                "  java -jar tdsproxy.jar testserver --port 0 --login app:Secret123! --login report:Read0nly!"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by Ctrl-C", "2:bad usage (for example a --login without a colon)"})
final class TestServerCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "14330", description = "Port to listen on, 0 for any (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--login", paramLabel = "NAME:PASSWORD",
            description = "A SQL login to accept; repeatable. Default: "
                    + EmbeddedTdsServer.DEFAULT_USER + " / " + EmbeddedTdsServer.DEFAULT_PASSWORD + ".")
    private List<String> logins = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedTdsServer.Builder builder = EmbeddedTdsServer.builder().host(host).port(port);
        for (String login : logins) {
            int colon = login.indexOf(':');
            if (colon <= 0 || colon == login.length() - 1) {
                throw new IllegalArgumentException("--login takes NAME:PASSWORD, got '" + maskAfterColon(login) + "'");
            }
            builder.login(login.substring(0, colon), login.substring(colon + 1));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (EmbeddedTdsServer server = builder.build().start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "tdsproxy-testserver-shutdown"));
            System.out.println("Embedded TDS server listening on " + server.host() + ":" + server.port());
            if (logins.isEmpty()) {
                System.out.println("Login: " + EmbeddedTdsServer.DEFAULT_USER + " / " + EmbeddedTdsServer.DEFAULT_PASSWORD);
                System.out.println("JDBC:  " + server.jdbcUrl() + ";user=" + EmbeddedTdsServer.DEFAULT_USER
                        + ";password=" + EmbeddedTdsServer.DEFAULT_PASSWORD);
            } else {
                System.out.println("Logins: " + String.join(", ", logins.stream().map(l -> l.substring(0, l.indexOf(':'))).toList()));
                System.out.println("JDBC:  " + server.jdbcUrl());
            }
            System.out.println("Press Ctrl-C to stop.");
            stopped.await();
        }
        return 0;
    }

    private static String maskAfterColon(String value) {
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon + 1) + "****";
    }
}
