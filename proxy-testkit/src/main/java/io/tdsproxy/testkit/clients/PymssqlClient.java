package io.tdsproxy.testkit.clients;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * pymssql (DB-Lib over FreeTDS) run by the system {@code /usr/bin/python3} (Debian's
 * {@code python3-pymssql}; a pyenv python on PATH would not have it). The committed script
 * {@code pymssql_client.py} connects by host and port, runs the statements and prints one fact per
 * line, which {@link PymssqlRun} parses. Encryption comes from the private freetds.conf of a
 * {@link FreeTdsConfig}: pymssql 2.2 has no encryption parameter (protocol.md 6.6).
 */
public final class PymssqlClient {
    /** The interpreter that has Debian's pymssql. */
    public static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = "pymssql_client.py";
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final FreeTdsConfig config;
    private final Path workDir;
    private final Path confFile;
    private final Path script;
    private String user = "sa";
    private String password = "";
    private String database = "master";
    private boolean traced = true;

    private PymssqlClient(FreeTdsConfig config, Path workDir) {
        this.config = config;
        this.workDir = workDir;
        this.confFile = config.writeTo(workDir);
        this.script = workDir.resolve(SCRIPT);
        try (InputStream in = PymssqlClient.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the testkit's resources");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + script, e);
        }
    }

    /** A client for {@code config}, keeping its freetds.conf, script and dumps in {@code workDir}. */
    public static PymssqlClient create(FreeTdsConfig config, Path workDir) {
        return new PymssqlClient(Objects.requireNonNull(config, "config"), Objects.requireNonNull(workDir, "workDir"));
    }

    /** The SQL login to use. */
    public PymssqlClient login(String user, String password) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        return this;
    }

    /** The database to connect to. */
    public PymssqlClient database(String database) {
        this.database = Objects.requireNonNull(database, "database");
        return this;
    }

    /** Leaves TDSDUMP off: for huge results, whose trace would be several times their size. */
    public PymssqlClient untraced() {
        this.traced = false;
        return this;
    }

    /** Runs the statements and reports every value of every result set. */
    public PymssqlRun rows(String... statements) {
        return run("rows", statements);
    }

    /** Runs the statements and reports per result set only the row count, the sum of column 1 and a SHA-256 of all values. */
    public PymssqlRun summary(String... statements) {
        return run("summary", statements);
    }

    private PymssqlRun run(String mode, String... statements) {
        List<String> args = new ArrayList<>(List.of(script.toString(), mode, config.host(),
                Integer.toString(config.port()), user, database));
        args.addAll(List.of(statements));
        Path dump = traced ? workDir.resolve("pymssql-" + RUNS.incrementAndGet() + ".tdsdump") : null;
        ExternalProcess process = ExternalProcess.of(PYTHON, args.toArray(String[]::new));
        if (dump != null) {
            process.env("TDSDUMP", dump.toString());
        }
        ExternalProcess.Result result = process
                .env("FREETDSCONF", confFile.toString())
                .env("PYMSSQL_PASSWORD", password)
                .env("PYTHONIOENCODING", "utf-8")
                .timeout(Duration.ofSeconds(90))
                .run();
        if (result.stderr().contains("No module named 'pymssql'")) {
            throw new IllegalStateException(PYTHON + " has no pymssql; .ci/run installs python3-pymssql\n" + result.describe());
        }
        return PymssqlRun.parse(result, dump);
    }
}
