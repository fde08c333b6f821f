package io.tdsproxy.netty;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Byte-array helpers for TDS packets in tests. */
public final class TdsBytes {
    private TdsBytes() {
    }

    /** One parsed packet: header fields and payload. */
    public record Packet(int type, int status, int length, byte[] payload) {
        public boolean eom() {
            return (status & 0x01) != 0;
        }
    }

    /** Parses a byte stream of whole packets; fails on a truncated one. */
    public static List<Packet> packets(byte[] stream) {
        List<Packet> packets = new ArrayList<>();
        int pos = 0;
        while (pos < stream.length) {
            if (stream.length - pos < 8) {
                throw new AssertionError("truncated TDS header at " + pos);
            }
            int length = (stream[pos + 2] & 0xFF) << 8 | (stream[pos + 3] & 0xFF);
            if (length < 8 || pos + length > stream.length) {
                throw new AssertionError("bad TDS length " + length + " at " + pos);
            }
            byte[] payload = new byte[length - 8];
            System.arraycopy(stream, pos + 8, payload, 0, payload.length);
            packets.add(new Packet(stream[pos] & 0xFF, stream[pos + 1] & 0xFF, length, payload));
            pos += length;
        }
        return packets;
    }

    /** Concatenated payloads of a stream of packets. */
    public static byte[] stripHeaders(byte[] stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Packet p : packets(stream)) {
            out.writeBytes(p.payload());
        }
        return out.toByteArray();
    }

    /** One PRELOGIN packet with EOM carrying {@code payload} (at most 65527 bytes). */
    public static byte[] onePrelogin(byte[] payload) {
        return packet(0x12, 0x01, 1, payload);
    }

    /** {@code payload} as consecutive 0x12 packets of at most {@code chunk} payload bytes, EOM on the last. */
    public static byte[] prelogins(byte[] payload, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int id = 1;
        for (int pos = 0; pos < payload.length; pos += chunk) {
            int n = Math.min(chunk, payload.length - pos);
            byte[] part = new byte[n];
            System.arraycopy(payload, pos, part, 0, n);
            out.writeBytes(packet(0x12, pos + n == payload.length ? 0x01 : 0x00, id++, part));
        }
        return out.toByteArray();
    }

    /** A packet with the given type, status and packet id. */
    public static byte[] packet(int type, int status, int packetId, byte[] payload) {
        int length = payload.length + 8;
        byte[] p = new byte[length];
        p[0] = (byte) type;
        p[1] = (byte) status;
        p[2] = (byte) (length >>> 8);
        p[3] = (byte) length;
        p[6] = (byte) packetId;
        System.arraycopy(payload, 0, p, 8, payload.length);
        return p;
    }

    /** A fake LOGIN7-typed packet (type 0x10) with a recognisable payload of {@code n} bytes. */
    public static byte[] login7Packet(int status, int n) {
        byte[] payload = new byte[n];
        for (int i = 0; i < n; i++) {
            payload[i] = (byte) (i * 7 + 3);
        }
        return packet(0x10, status, 1, payload);
    }
}
