package io.tdsproxy.testsupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the byte vectors in {@code ../shared/vectors}: the first line names the source, the rest is
 * space-separated hex. The folder comes from the {@code tdsproxy.vectors} system property that the
 * parent pom sets, falling back to a search upwards from the working directory.
 */
public final class Vectors {
    private Vectors() {
    }

    public static Path directory() {
        String configured = System.getProperty("tdsproxy.vectors");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("../shared/vectors not found; set -Dtdsproxy.vectors");
    }

    /** The names (without {@code .hex}) of all vectors. */
    public static List<String> names() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".hex"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of vector {@code name} (without {@code .hex}). */
    public static byte[] bytes(String name) {
        try {
            List<String> lines = Files.readAllLines(directory().resolve(name + ".hex"));
            String hex = lines.stream().skip(1).collect(Collectors.joining(" ")).replaceAll("\\s+", "");
            byte[] out = new byte[hex.length() / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of vector {@code name} in an unpooled heap buffer the caller must release. */
    public static ByteBuf buffer(String name) {
        return Unpooled.wrappedBuffer(bytes(name));
    }

    /** The source line (first line, without the leading {@code #}). */
    public static String source(String name) {
        try {
            return Files.readAllLines(directory().resolve(name + ".hex")).get(0).replaceFirst("^#\\s*", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
