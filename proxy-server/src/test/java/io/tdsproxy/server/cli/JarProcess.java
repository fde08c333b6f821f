package io.tdsproxy.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code target/tdsproxy.jar} (built by the package phase, before Failsafe runs) as a separate
 * process, the way a user does, and collects its output lines.
 */
final class JarProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private JarProcess(Process process) {
        this.process = process;
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "jar-output");
        pump.setDaemon(true);
        pump.start();
    }

    static Path jar() {
        Path jar = Path.of("target", "tdsproxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " missing: run through `mvn verify` (package phase)");
        }
        return jar;
    }

    static JarProcess start(String... args) throws IOException {
        return start(List.of(), args);
    }

    /** With JVM options ({@code -Dname=value}) before {@code -jar}. */
    static JarProcess start(List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        return new JarProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Waits for a line matching {@code regex} and returns its first group (or the whole line). */
    String awaitLine(String regex, long timeoutSeconds) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!process.isAlive() && lines.isEmpty()) {
                    break;
                }
                continue;
            }
            seen.add(line);
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher.groupCount() > 0 ? matcher.group(1) : line;
            }
        }
        throw new AssertionError("no line matching /" + regex + "/ within " + timeoutSeconds + " s; output so far:\n"
                + String.join("\n", seen));
    }

    /** Every line read so far plus whatever arrives until the process exits. */
    String outputUntilExit(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new AssertionError("process still running after " + timeoutSeconds + " s:\n" + String.join("\n", seen));
        }
        Thread.sleep(100);
        lines.drainTo(seen);
        return String.join("\n", seen);
    }

    /** The operating-system process id, e.g. for sending signals. */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends {@code signal} (e.g. {@code TERM}) with kill(1), as an init system or kubelet does. */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** Waits for the process to end; false if it still runs after {@code timeoutSeconds}. */
    boolean awaitExit(long timeoutSeconds) throws InterruptedException {
        return process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    }

    int exitCode() {
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
