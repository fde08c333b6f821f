package io.tdsproxy.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the offered TLS versions out of the first bytes a client sends: one or more TLS handshake
 * records (type 22) carrying a ClientHello (RFC 5246 6.2.1 and 7.4.1.2, RFC 8446 4.1.2). The TDS 7.x
 * PRELOGIN headers must already be stripped.
 *
 * <p>Bounded and defensive: it looks at no more than {@value #MAX_HELLO_BYTES} bytes of handshake data,
 * checks every length against what is there, and never throws on bad input. It copies nothing it is
 * given; callers keep ownership of their bytes.
 */
public final class ClientHelloParser {
    /** A ClientHello longer than this is not parsed (real ones are a few hundred bytes). */
    public static final int MAX_HELLO_BYTES = 16 * 1024;

    private static final int RECORD_HANDSHAKE = 22;
    private static final int RECORD_HEADER = 5;
    private static final int HANDSHAKE_CLIENT_HELLO = 1;
    private static final int EXTENSION_SUPPORTED_VERSIONS = 43;

    /** What the bytes were found to be. */
    public enum Status {
        /** A whole ClientHello was read; {@link Result#hello()} is present. */
        COMPLETE,
        /** Looks like a ClientHello so far, but more bytes are needed. */
        INCOMPLETE,
        /** Not a TLS ClientHello (or one that is malformed or too large): give up. */
        NOT_A_CLIENT_HELLO
    }

    /**
     * @param status what the bytes were found to be
     * @param hello  the versions, present when {@code status} is {@link Status#COMPLETE}
     */
    public record Result(Status status, Optional<ClientHelloVersions> hello) {
        static final Result INCOMPLETE = new Result(Status.INCOMPLETE, Optional.empty());
        static final Result NOT_A_CLIENT_HELLO = new Result(Status.NOT_A_CLIENT_HELLO, Optional.empty());
    }

    private ClientHelloParser() {
    }

    /**
     * Parses {@code bytes[0, length)}: the TLS records from the start of the client's stream.
     *
     * @param bytes  raw TLS bytes (no TDS headers)
     * @param length how many of them are valid
     */
    public static Result parse(byte[] bytes, int length) {
        if (length < 0 || length > bytes.length) {
            throw new IllegalArgumentException("length " + length + " outside 0.." + bytes.length);
        }
        // Handshake messages may span records: collect the fragments of the leading handshake records.
        byte[] handshake = new byte[Math.min(length, MAX_HELLO_BYTES + 4)];
        int collected = 0;
        int pos = 0;
        while (pos < length) {
            if (length - pos < RECORD_HEADER) {
                return bytes[pos] == RECORD_HANDSHAKE ? Result.INCOMPLETE : Result.NOT_A_CLIENT_HELLO;
            }
            int recordLength = u16(bytes, pos + 3);
            if (bytes[pos] != RECORD_HANDSHAKE || bytes[pos + 1] != 3 || recordLength == 0) {
                return Result.NOT_A_CLIENT_HELLO;
            }
            int available = Math.min(recordLength, length - pos - RECORD_HEADER);
            int take = Math.min(available, handshake.length - collected);
            System.arraycopy(bytes, pos + RECORD_HEADER, handshake, collected, take);
            collected += take;
            if (available < recordLength || collected == handshake.length) {
                break;
            }
            pos += RECORD_HEADER + recordLength;
        }
        return parseHandshake(handshake, collected);
    }

    private static Result parseHandshake(byte[] h, int length) {
        if (length < 4) {
            return length > 0 && h[0] != HANDSHAKE_CLIENT_HELLO ? Result.NOT_A_CLIENT_HELLO : Result.INCOMPLETE;
        }
        int bodyLength = ((h[1] & 0xff) << 16) | u16(h, 2);
        if (h[0] != HANDSHAKE_CLIENT_HELLO || bodyLength > MAX_HELLO_BYTES || bodyLength < 2 + 32 + 1 + 2 + 1) {
            return Result.NOT_A_CLIENT_HELLO;
        }
        if (length < 4 + bodyLength) {
            return Result.INCOMPLETE;
        }
        int end = 4 + bodyLength;
        int legacyVersion = u16(h, 4);
        int pos = 4 + 2 + 32;
        pos += 1 + (h[pos] & 0xff);                       // session_id
        if (pos + 2 > end) {
            return Result.NOT_A_CLIENT_HELLO;
        }
        int suitesLength = u16(h, pos);
        pos += 2 + suitesLength;                          // cipher_suites
        if (suitesLength % 2 != 0 || pos + 1 > end) {
            return Result.NOT_A_CLIENT_HELLO;
        }
        pos += 1 + (h[pos] & 0xff);                       // compression_methods
        if (pos > end) {
            return Result.NOT_A_CLIENT_HELLO;
        }
        List<Integer> supported = new ArrayList<>();
        if (pos < end) {                                  // extensions are optional (RFC 5246 7.4.1.2)
            if (pos + 2 > end || pos + 2 + u16(h, pos) != end) {
                return Result.NOT_A_CLIENT_HELLO;
            }
            pos += 2;
            while (pos < end) {
                if (pos + 4 > end) {
                    return Result.NOT_A_CLIENT_HELLO;
                }
                int type = u16(h, pos);
                int extLength = u16(h, pos + 2);
                pos += 4;
                if (pos + extLength > end) {
                    return Result.NOT_A_CLIENT_HELLO;
                }
                if (type == EXTENSION_SUPPORTED_VERSIONS && !supportedVersions(h, pos, extLength, supported)) {
                    return Result.NOT_A_CLIENT_HELLO;
                }
                pos += extLength;
            }
        }
        return new Result(Status.COMPLETE,
                Optional.of(new ClientHelloVersions(legacyVersion, supported, suitesLength / 2)));
    }

    /** {@code supported_versions} in a ClientHello: a one-byte list length, then two-byte versions. */
    private static boolean supportedVersions(byte[] h, int pos, int extLength, List<Integer> out) {
        if (extLength < 1) {
            return false;
        }
        int listLength = h[pos] & 0xff;
        if (listLength + 1 != extLength || listLength % 2 != 0) {
            return false;
        }
        for (int i = pos + 1; i < pos + 1 + listLength; i += 2) {
            int version = u16(h, i);
            if (!ClientHelloVersions.isGrease(version)) {
                out.add(version);
            }
        }
        return true;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
