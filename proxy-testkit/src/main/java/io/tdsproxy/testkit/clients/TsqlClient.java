package io.tdsproxy.testkit.clients;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * FreeTDS {@code tsql} (libtds directly, no DB-Lib) against one target described by a
 * {@link FreeTdsConfig}. Each {@link #run} starts one {@code tsql} process that logs in, sends the
 * given batches (each ended by {@code go}) and exits; {@code TDSDUMP} goes to a file of the work
 * directory so that a failure can show the protocol trace.
 *
 * <p>Output is parsed with terminators no value contains: {@value #COLUMN_TERMINATOR} between columns and
 * {@value #ROW_TERMINATOR} (plus a newline) after each row; {@code -o q} removes prompts and counters.
 */
public final class TsqlClient {
    /** The path of FreeTDS {@code tsql} as Debian's {@code freetds-bin} installs it. */
    public static final String PROGRAM = "/usr/bin/tsql";
    static final String COLUMN_TERMINATOR = "<|>";
    static final String ROW_TERMINATOR = "<;>";
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Path workDir;
    private final Path confFile;
    private String user = "sa";
    private String password = "";
    private String database;

    private TsqlClient(FreeTdsConfig config, Path workDir) {
        this.workDir = workDir;
        this.confFile = config.writeTo(workDir);
    }

    /** A client for {@code config}, keeping its freetds.conf and dumps in {@code workDir}. */
    public static TsqlClient create(FreeTdsConfig config, Path workDir) {
        return new TsqlClient(Objects.requireNonNull(config, "config"), Objects.requireNonNull(workDir, "workDir"));
    }

    /** The SQL login to use. */
    public TsqlClient login(String user, String password) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        return this;
    }

    /** The database to use after login ({@code -D}). */
    public TsqlClient database(String database) {
        this.database = database;
        return this;
    }

    /** Logs in, runs each batch in turn and exits; the last batch's result set is what {@link TsqlRun#rows()} parses. */
    public TsqlRun run(String... batches) {
        List<String> args = new ArrayList<>(List.of("-S", FreeTdsConfig.SERVER_NAME, "-U", user, "-P", password,
                "-o", "q", "-t", COLUMN_TERMINATOR, "-r", ROW_TERMINATOR + "\n"));
        if (database != null) {
            args.add("-D");
            args.add(database);
        }
        StringBuilder input = new StringBuilder();
        for (String batch : batches) {
            input.append(batch).append("\ngo\n");
        }
        input.append("exit\n");
        Path dump = workDir.resolve("tsql-" + RUNS.incrementAndGet() + ".tdsdump");
        ExternalProcess.Result result = ExternalProcess.of(PROGRAM, args.toArray(String[]::new))
                .env("FREETDSCONF", confFile.toString())
                .env("TDSDUMP", dump.toString())
                .env("LANG", "C.UTF-8")
                .stdin(input.toString())
                .timeout(Duration.ofSeconds(60))
                .run();
        return TsqlRun.parse(result, dump);
    }
}
