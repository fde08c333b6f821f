package io.tdsproxy.tds.prelogin;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A PRELOGIN message body (MS-TDS 2.2.6.5; protocol.md 2.1): an option table of 5-byte entries
 * (token BYTE, offset USHORT big-endian, length USHORT big-endian; offsets relative to the start of
 * the body), a 0xFF terminator, then the option data.
 *
 * <p>Options keep their table order and unknown tokens are kept byte for byte. The <em>canonical</em>
 * layout puts the data in table order, directly after the terminator, with no gaps; every captured
 * message seen so far uses it. A decoded message in any other layout (gaps, overlaps, reordered
 * data) keeps its original bytes in {@link #verbatim()} so that {@link #encode} reproduces it
 * exactly; the {@code with}/{@code without} methods return canonical messages.
 *
 * @param options  the options in table order
 * @param verbatim the exact body when it was decoded from a non-canonical layout, else {@code null}
 */
public record PreloginMessage(List<PreloginOption> options, byte[] verbatim) {
    private static final int ENTRY = 5;

    public PreloginMessage {
        options = List.copyOf(options);
        long size = canonicalLength(options);
        if (verbatim == null && size > 0xFFFF) {
            throw new IllegalArgumentException("PRELOGIN of " + size + " bytes cannot be addressed by USHORT offsets");
        }
        if (verbatim != null) {
            verbatim = verbatim.clone();
            List<PreloginOption> parsed = new ArrayList<>();
            parse(verbatim, parsed);
            if (!parsed.equals(options)) {
                throw new IllegalArgumentException("verbatim bytes do not encode the given options");
            }
        }
    }

    /** A message in canonical layout. */
    public PreloginMessage(List<PreloginOption> options) {
        this(options, null);
    }

    /** A message in canonical layout. */
    public static PreloginMessage of(PreloginOption... options) {
        return new PreloginMessage(List.of(options));
    }

    /**
     * Decodes a whole PRELOGIN body: every readable byte of {@code payload} (the reassembled packet
     * payloads, headers removed), consuming them all. Does not release {@code payload}.
     *
     * @throws ProtocolException if the table is truncated or unterminated, or an option's data lies
     *                           outside the body or inside the option table
     */
    public static PreloginMessage decode(ByteBuf payload) {
        int size = payload.readableBytes();
        byte[] body = new byte[size];
        payload.getBytes(payload.readerIndex(), body);
        List<PreloginOption> options = new ArrayList<>();
        boolean canonical = parse(body, options);
        payload.skipBytes(size);
        return new PreloginMessage(options, canonical ? null : body);
    }

    /** Parses {@code body} into {@code options}; returns whether the layout is canonical. */
    private static boolean parse(byte[] body, List<PreloginOption> options) {
        int size = body.length;
        List<int[]> entries = new ArrayList<>();
        int pos = 0;
        while (true) {
            if (pos >= size) {
                throw new ProtocolException("PRELOGIN: option table not terminated by 0xFF within " + size + " bytes");
            }
            int token = body[pos] & 0xFF;
            if (token == PreloginOptionToken.TERMINATOR) {
                pos++;
                break;
            }
            ProtocolException.requireReadable(size - pos, ENTRY, "PRELOGIN option entry");
            entries.add(new int[] {token, ushort(body, pos + 1), ushort(body, pos + 3)});
            pos += ENTRY;
        }
        int tableEnd = pos;
        boolean canonical = true;
        int expectedOffset = tableEnd;
        for (int[] entry : entries) {
            int offset = entry[1];
            int length = entry[2];
            checkBounds(entry[0], offset, length, tableEnd, size);
            options.add(new PreloginOption(entry[0], Arrays.copyOfRange(body, offset, offset + length)));
            canonical &= offset == expectedOffset;
            expectedOffset += length;
        }
        return canonical && expectedOffset == size;
    }

    private static int ushort(byte[] body, int index) {
        return ((body[index] & 0xFF) << 8) | (body[index + 1] & 0xFF);
    }

    private static void checkBounds(int token, int offset, int length, int tableEnd, int size) {
        // The option name is formatted only on failure: String.format per option dominated the decode
        // time (PreloginDecodeBenchmark in proxy-bench).
        if (length > 0 && offset < tableEnd) {
            throw new ProtocolException(optionName(token) + ": data offset " + offset
                    + " inside the option table (ends at " + tableEnd + ")");
        }
        if (offset + length > size) {
            throw new ProtocolException(optionName(token) + ": data " + offset + "+" + length
                    + " beyond the message end " + size);
        }
    }

    private static String optionName(int token) {
        return String.format("PRELOGIN option 0x%02x", token);
    }

    /** Writes the body: the original bytes when decoded from a non-canonical layout, else canonical. */
    public void encode(ByteBuf out) {
        if (verbatim != null) {
            out.writeBytes(verbatim);
            return;
        }
        int offset = ENTRY * options.size() + 1;
        for (PreloginOption option : options) {
            out.writeByte(option.token()).writeShort(offset).writeShort(option.length());
            offset += option.length();
        }
        out.writeByte(PreloginOptionToken.TERMINATOR);
        for (PreloginOption option : options) {
            option.writeData(out);
        }
    }

    /** Bytes {@link #encode} writes. */
    public int encodedLength() {
        return verbatim != null ? verbatim.length : (int) canonicalLength(options);
    }

    /** Whether {@link #encode} writes the canonical layout. */
    public boolean canonical() {
        return verbatim == null;
    }

    /** A copy of the original body, or {@code null} when the layout is canonical. */
    @Override
    public byte[] verbatim() {
        return verbatim == null ? null : verbatim.clone();
    }

    /** The first option with this token. */
    public Optional<PreloginOption> find(int token) {
        return options.stream().filter(o -> o.token() == token).findFirst();
    }

    /**
     * The first option with this named token.
     *
     * @throws IllegalArgumentException for {@link PreloginOptionToken#UNKNOWN}; use {@link #find(int)}
     */
    public Optional<PreloginOption> find(PreloginOptionToken token) {
        return find(code(token));
    }

    /**
     * The ENCRYPTION value, if the option is present.
     *
     * @throws ProtocolException if its length is not 1 (mssql-jdbc rejects such a reply too)
     */
    public Optional<EncryptionValue> encryption() {
        return find(PreloginOptionToken.ENCRYPTION).map(o -> {
            if (o.length() != 1) {
                throw new ProtocolException("PRELOGIN ENCRYPTION: length " + o.length() + ", expected 1");
            }
            return EncryptionValue.of(o.byteAt(0));
        });
    }

    /**
     * The VERSION value, if the option is present.
     *
     * @throws ProtocolException if its length is not 6
     */
    public Optional<PreloginVersion> version() {
        return find(PreloginOptionToken.VERSION).map(o -> PreloginVersion.decode(o.data()));
    }

    /**
     * This message with the option {@code token} set to {@code data}: the first occurrence is
     * replaced in place and later duplicates are dropped (so that no reader can pick up a stale
     * second copy); an absent option is appended, except VERSION which goes first (MS-TDS 3.3.5.1).
     */
    public PreloginMessage with(int token, byte[] data) {
        PreloginOption replacement = new PreloginOption(token, data);
        List<PreloginOption> result = new ArrayList<>(options.size() + 1);
        boolean placed = false;
        for (PreloginOption option : options) {
            if (option.token() != token) {
                result.add(option);
            } else if (!placed) {
                result.add(replacement);
                placed = true;
            }
        }
        if (!placed) {
            result.add(token == PreloginOptionToken.VERSION.code() ? 0 : result.size(), replacement);
        }
        return new PreloginMessage(result);
    }

    /** {@link #with(int, byte[])} for a named token. */
    public PreloginMessage with(PreloginOptionToken token, byte[] data) {
        return with(code(token), data);
    }

    /** This message with the ENCRYPTION option set to {@code value}. */
    public PreloginMessage withEncryption(EncryptionValue value) {
        return with(PreloginOptionToken.ENCRYPTION.code(), new byte[] {(byte) value.raw()});
    }

    /** This message without any option {@code token}. */
    public PreloginMessage without(int token) {
        List<PreloginOption> result = new ArrayList<>(options);
        result.removeIf(o -> o.token() == token);
        return new PreloginMessage(result);
    }

    /** {@link #without(int)} for a named token. */
    public PreloginMessage without(PreloginOptionToken token) {
        return without(code(token));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PreloginMessage m && m.options.equals(options) && Arrays.equals(m.verbatim, verbatim);
    }

    @Override
    public int hashCode() {
        return 31 * options.hashCode() + Arrays.hashCode(verbatim);
    }

    @Override
    public String toString() {
        return "PreloginMessage" + options + (verbatim == null ? "" : " (non-canonical layout kept)");
    }

    private static long canonicalLength(List<PreloginOption> options) {
        long size = (long) ENTRY * options.size() + 1;
        for (PreloginOption option : options) {
            size += option.length();
        }
        return size;
    }

    private static int code(PreloginOptionToken token) {
        if (token == PreloginOptionToken.UNKNOWN) {
            throw new IllegalArgumentException("UNKNOWN names no single option; use the int overload");
        }
        return token.code();
    }
}
