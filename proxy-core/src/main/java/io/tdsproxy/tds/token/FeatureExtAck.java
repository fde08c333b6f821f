package io.tdsproxy.tds.token;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.types.Wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * FEATUREEXTACK 0xAE (MS-TDS 2.2.7.11):
 * {@code AE | { FeatureId BYTE | FeatureAckDataLen DWORD | FeatureAckData }* | 0xFF}.
 * There is no overall length: the list ends at the 0xFF terminator. Only features the client
 * asked for may be acknowledged (protocol.md 8.5).
 *
 * @param features the acknowledged features in wire order
 */
public record FeatureExtAck(List<Feature> features) {
    /** Terminator byte. */
    public static final int TERMINATOR = 0xFF;
    /** FeatureId of UTF8_SUPPORT (tedious always requests it). */
    public static final int UTF8_SUPPORT = 0x0A;

    public FeatureExtAck {
        features = List.copyOf(features);
    }

    /**
     * One acknowledged feature.
     *
     * @param id   FeatureId, never 0xFF
     * @param data FeatureAckData
     */
    public record Feature(int id, byte[] data) {
        public Feature {
            if (id < 0 || id >= TERMINATOR) {
                throw new IllegalArgumentException("feature id outside 0..254: " + id);
            }
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Feature && ((Feature) o).id == id && Arrays.equals(((Feature) o).data, data);
        }

        @Override
        public int hashCode() {
            return 31 * id + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Feature[id=" + id + ", " + data.length + " bytes]";
        }
    }

    /** Writes the token, terminator included. */
    public void encode(ByteBuf out) {
        out.writeByte(TokenType.FEATUREEXTACK.code());
        for (Feature f : features) {
            out.writeByte(f.id()).writeIntLE(f.data.length).writeBytes(f.data);
        }
        out.writeByte(TERMINATOR);
    }

    /** Reads a FEATUREEXTACK token, the token byte included. */
    public static FeatureExtAck decode(ByteBuf in) {
        int token = Wire.readU8(in, "FEATUREEXTACK token");
        if (token != TokenType.FEATUREEXTACK.code()) {
            throw new ProtocolException(String.format("expected FEATUREEXTACK, got token 0x%02X", token));
        }
        List<Feature> features = new ArrayList<>();
        while (true) {
            int id = Wire.readU8(in, "feature id");
            if (id == TERMINATOR) {
                return new FeatureExtAck(features);
            }
            long length = Wire.readU32(in, "feature ack length");
            features.add(new Feature(id, Wire.readBytes(in, length, "feature ack data")));
        }
    }
}
