package io.tdsproxy.testkit.clients;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real client program (FreeTDS {@code tsql}, the system {@code python3} with pymssql, {@code node}
 * with tedious, {@code openssl s_client}) as a child process with a hard time limit, feeding it
 * standard input and capturing both output streams.
 *
 * <p>A missing program is an {@link IllegalStateException} that names it and says that {@code .ci/run}
 * installs it: tests that need a real client fail loudly instead of skipping.
 */
public final class ExternalProcess {
    private final List<String> command;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path directory;
    private String stdin = "";
    private Duration timeout = Duration.ofSeconds(60);

    private ExternalProcess(List<String> command) {
        this.command = List.copyOf(command);
    }

    /** A process running {@code program} (an absolute path or a name found on PATH) with {@code args}. */
    public static ExternalProcess of(String program, String... args) {
        List<String> command = new ArrayList<>();
        command.add(requireProgram(program));
        command.addAll(List.of(args));
        return new ExternalProcess(command);
    }

    /** Sets an environment variable of the child (on top of this JVM's environment). */
    public ExternalProcess env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The child's working directory. */
    public ExternalProcess directory(Path directory) {
        this.directory = directory;
        return this;
    }

    /** Text written to the child's standard input, which is then closed. */
    public ExternalProcess stdin(String text) {
        this.stdin = Objects.requireNonNull(text, "text");
        return this;
    }

    /** The longest the child may run; it is killed after that and the run fails. */
    public ExternalProcess timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** Runs the child to completion and returns its exit code and output. */
    public Result run() {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        try {
            Process process = builder.start();
            StreamCollector out = StreamCollector.start(process.getInputStream());
            StreamCollector err = StreamCollector.start(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // The child may exit without reading its input; its output says why.
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException(command + " did not finish within " + timeout + "; output so far:\n"
                        + out.text() + "\nstderr:\n" + err.text());
            }
            return new Result(command, process.exitValue(), out.text(), err.text());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static String requireProgram(String program) {
        if (program.contains("/")) {
            if (!Files.isExecutable(Path.of(program))) {
                throw new IllegalStateException(program + " is not installed; .ci/run installs it");
            }
            return program;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program).toString();
            }
        }
        throw new IllegalStateException(program + " is not on PATH; .ci/run installs it");
    }

    /**
     * What a finished child left behind.
     *
     * @param command  the command line that ran
     * @param exitCode its exit status
     * @param stdout   standard output, decoded as UTF-8
     * @param stderr   standard error, decoded as UTF-8
     */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** Both streams, for assertion messages. */
        public String describe() {
            return command + " exited " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** Drains one stream on its own thread so that a chatty child never blocks on a full pipe. */
    private static final class StreamCollector {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        private StreamCollector(InputStream stream) {
            thread = new Thread(() -> {
                try (stream) {
                    stream.transferTo(bytes);
                } catch (IOException ignored) {
                    // The child died; whatever arrived is kept.
                }
            }, "external-process-output");
            thread.setDaemon(true);
        }

        static StreamCollector start(InputStream stream) {
            StreamCollector collector = new StreamCollector(stream);
            collector.thread.start();
            return collector;
        }

        String text() {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
