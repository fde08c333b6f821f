package io.tdsproxy.server.cli;

import io.tdsproxy.tls.Secret;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a passphrase file for {@code --key-password-file}: the first line, without its line break,
 * in UTF-8. Byte and char buffers are wiped once the {@link Secret} holds its copy.
 */
final class CertPassphrase {
    private CertPassphrase() {
    }

    static Secret read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        try {
            int end = 0;
            while (end < chars.length && chars[end] != '\n' && chars[end] != '\r') {
                end++;
            }
            char[] line = Arrays.copyOf(chars, end);
            try {
                return Secret.of(line);
            } finally {
                Arrays.fill(line, '\0');
            }
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(chars, '\0');
            if (decoded.hasArray()) {
                Arrays.fill(decoded.array(), '\0');
            }
        }
    }
}
