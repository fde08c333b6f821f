package io.tdsproxy.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A {@code tdsproxy.conf} written into a test's directory and read with {@link ConfigLoader}. */
final class ConfigFile {
    private final Path file;

    ConfigFile(Path dir) {
        this.file = dir.resolve("tdsproxy.conf");
    }

    /** Writes {@code text} and loads it; a problem fails the test with its exception. */
    ProxyConfig load(String text) throws ConfigException {
        return ConfigLoader.load(write(text));
    }

    /** Writes {@code text}, which must be refused, and returns the problems reported. */
    List<String> problems(String text) {
        try {
            ConfigLoader.load(write(text));
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected a ConfigException for:\n" + text);
    }

    /** {@code "<file>:<line>: "}, how every problem starts. */
    String at(int line) {
        return file + ":" + line + ": ";
    }

    private Path write(String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
