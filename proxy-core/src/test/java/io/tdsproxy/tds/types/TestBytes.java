package io.tdsproxy.tds.types;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.tdsproxy.tds.ProtocolException;

import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test helpers that run codecs over pooled direct buffers (so that the paranoid leak detector
 * watches them) and always release them.
 */
public final class TestBytes {
    private TestBytes() {
    }

    /** Parses space-separated or contiguous hex. */
    public static byte[] hex(String hex) {
        String h = hex.replaceAll("\\s+", "");
        return ByteBufUtil.decodeHexDump(h);
    }

    public static String hex(byte[] bytes) {
        return ByteBufUtil.hexDump(bytes);
    }

    /** What {@code writer} writes into a fresh pooled buffer (released here). */
    public static byte[] encode(Consumer<ByteBuf> writer) {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer();
        try {
            writer.accept(out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /** Runs {@code reader} over a pooled copy of {@code bytes}; asserts it consumed them all. */
    public static <T> T decodeAll(byte[] bytes, Function<ByteBuf, T> reader) {
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length);
        try {
            in.writeBytes(bytes);
            T value = reader.apply(in);
            assertThat(in.readableBytes()).as("bytes left after decoding").isZero();
            return value;
        } finally {
            in.release();
        }
    }

    /** {@link #decodeAll} for assertions on the plain value (avoids overload ambiguity of method references). */
    public static Object decodeObject(byte[] bytes, Function<ByteBuf, ?> reader) {
        return decodeAll(bytes, reader::apply);
    }

    /** Runs {@code reader} over a pooled copy of {@code bytes}; returns the bytes it left unread. */
    public static <T> int decodeLeaving(byte[] bytes, Function<ByteBuf, T> reader) {
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length);
        try {
            in.writeBytes(bytes);
            reader.apply(in);
            return in.readableBytes();
        } finally {
            in.release();
        }
    }

    /**
     * Asserts every strict prefix of {@code bytes} makes {@code reader} throw ProtocolException.
     * Prefixes are bounded slices of one pooled buffer, so that the reader cannot see past the cut.
     */
    public static void assertEveryTruncationFails(byte[] bytes, Function<ByteBuf, ?> reader) {
        ByteBuf whole = PooledByteBufAllocator.DEFAULT.directBuffer(Math.max(bytes.length, 1));
        try {
            whole.writeBytes(bytes);
            for (int cut = 0; cut < bytes.length; cut++) {
                ByteBuf prefix = whole.slice(0, cut);
                // Plain try/catch: an AssertJ assertion per cut dominates the run time on long values.
                try {
                    reader.apply(prefix);
                } catch (ProtocolException expected) {
                    continue;
                } catch (RuntimeException e) {
                    throw new AssertionError("decoding the first " + cut + " of " + bytes.length
                            + " bytes threw " + e + " instead of a ProtocolException", e);
                }
                throw new AssertionError("decoding the first " + cut + " of " + bytes.length + " bytes did not fail");
            }
        } finally {
            whole.release();
        }
    }
}
