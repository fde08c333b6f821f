package io.tdsproxy.tds.types;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;

/**
 * Partially length-prefixed bytes (PLP, MS-TDS 2.2.5.2.3), the value format of the MAX types:
 *
 * <pre>
 * PLP_BODY = PLP_NULL (0xFFFFFFFFFFFFFFFF)
 *          / (ULONGLONG total length or UNKNOWN_PLP_LEN 0xFFFFFFFFFFFFFFFE) *PLP_CHUNK PLP_TERMINATOR
 * PLP_CHUNK = ULONG chunk length (non-zero), chunk bytes      PLP_TERMINATOR = ULONG 0
 * </pre>
 *
 * Readers accept any chunking (clients split at arbitrary byte boundaries, even inside a UCS-2
 * character), so chunks are joined before any character decoding.
 */
public final class Plp {
    /** Total-length value that marks a NULL. */
    public static final long NULL = 0xFFFFFFFFFFFFFFFFL;
    /** Total-length value that marks "length not known in advance". */
    public static final long UNKNOWN_LENGTH = 0xFFFFFFFFFFFFFFFEL;
    /** Chunk size the writers use unless told otherwise. */
    public static final int DEFAULT_CHUNK = 8000;

    private Plp() {
    }

    /** Writes PLP_NULL. */
    public static void writeNull(ByteBuf out) {
        out.writeLongLE(NULL);
    }

    /**
     * Writes {@code data} (or PLP_NULL when {@code null}) with its known total length, in chunks
     * of at most {@code chunkSize} bytes.
     */
    public static void write(ByteBuf out, byte[] data, int chunkSize) {
        if (data == null) {
            writeNull(out);
            return;
        }
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunk size must be positive: " + chunkSize);
        }
        out.writeLongLE(data.length);
        for (int at = 0; at < data.length; at += chunkSize) {
            int n = Math.min(chunkSize, data.length - at);
            out.writeIntLE(n);
            out.writeBytes(data, at, n);
        }
        out.writeIntLE(0);
    }

    /** Reads a PLP body; returns {@code null} for PLP_NULL. */
    public static byte[] read(ByteBuf in, String what) {
        long total = Wire.readI64(in, what + " PLP length");
        if (total == NULL) {
            return null;
        }
        boolean known = total != UNKNOWN_LENGTH;
        if (known && (total < 0 || total > Integer.MAX_VALUE - 8)) {
            throw new ProtocolException(what + ": PLP length " + Long.toUnsignedString(total) + " too large");
        }
        // Every data byte must already be in the buffer: checking first keeps a lying length
        // from allocating gigabytes.
        if (known && total > in.readableBytes()) {
            throw new ProtocolException(what + ": PLP length " + total + " exceeds the " + in.readableBytes() + " bytes left");
        }
        byte[] data = new byte[known ? (int) total : 0];
        int size = 0;
        while (true) {
            long chunk = Wire.readU32(in, what + " PLP chunk length");
            if (chunk == 0) {
                break;
            }
            ProtocolException.requireReadable(in.readableBytes(), (int) Math.min(chunk, Integer.MAX_VALUE), what + " PLP chunk");
            if (known && size + chunk > total) {
                throw new ProtocolException(what + ": PLP chunks exceed the declared length " + total);
            }
            if (size + chunk > Integer.MAX_VALUE - 8) {
                throw new ProtocolException(what + ": PLP value too large");
            }
            if (!known && size + chunk > data.length) {
                byte[] grown = new byte[(int) Math.max(size + chunk, (long) data.length * 2)];
                System.arraycopy(data, 0, grown, 0, size);
                data = grown;
            }
            in.readBytes(data, size, (int) chunk);
            size += (int) chunk;
        }
        if (known && size != total) {
            throw new ProtocolException(what + ": PLP chunks hold " + size + " bytes, declared " + total);
        }
        if (size == data.length) {
            return data;
        }
        byte[] exact = new byte[size];
        System.arraycopy(data, 0, exact, 0, size);
        return exact;
    }
}
