package io.tdsproxy.tds.token;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.types.Collation;
import io.tdsproxy.tds.types.Wire;

import java.util.Arrays;

/**
 * Turns an ENVCHANGE body into the matching {@link EnvChange} record. A body is only mapped to a
 * typed record when that record re-encodes to exactly the same bytes; anything else (unknown
 * types, routing, odd lengths) becomes {@link EnvChange.Other}, so a relay never alters what it
 * passes on.
 */
final class EnvChangeDecoder {
    private EnvChangeDecoder() {
    }

    static EnvChange decode(ByteBuf body) {
        int type = Wire.readU8(body, "ENVCHANGE type");
        byte[] values = ByteBufUtil.getBytes(body);
        EnvChange typed;
        try {
            typed = typed(type, body.duplicate());
        } catch (ProtocolException | IllegalArgumentException e) {
            typed = null;
        }
        if (typed != null && Arrays.equals(encodedValues(typed), values)) {
            return typed;
        }
        return new EnvChange.Other(type, values);
    }

    private static EnvChange typed(int type, ByteBuf v) {
        switch (type) {
            case EnvChange.DATABASE:
                return new EnvChange.Database(Wire.readBVarchar(v, "new database"), Wire.readBVarchar(v, "old database"));
            case EnvChange.LANGUAGE:
                return new EnvChange.Language(Wire.readBVarchar(v, "new language"), Wire.readBVarchar(v, "old language"));
            case EnvChange.PACKET_SIZE:
                return new EnvChange.PacketSize(packetSize(Wire.readBVarchar(v, "new packet size")),
                        packetSize(Wire.readBVarchar(v, "old packet size")));
            case EnvChange.SQL_COLLATION: {
                byte[] newValue = Wire.readBVarbyte(v, "new collation");
                byte[] oldValue = Wire.readBVarbyte(v, "old collation");
                return new EnvChange.SqlCollation(Collation.of(newValue), oldValue.length == 0 ? null : Collation.of(oldValue));
            }
            case EnvChange.BEGIN_TRANSACTION:
                return new EnvChange.BeginTransaction(Wire.readBVarbyte(v, "new transaction"));
            case EnvChange.COMMIT_TRANSACTION:
                Wire.readBVarbyte(v, "new transaction");
                return new EnvChange.CommitTransaction(Wire.readBVarbyte(v, "old transaction"));
            case EnvChange.ROLLBACK_TRANSACTION:
                Wire.readBVarbyte(v, "new transaction");
                return new EnvChange.RollbackTransaction(Wire.readBVarbyte(v, "old transaction"));
            default:
                return null;
        }
    }

    private static int packetSize(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new ProtocolException("packet size ENVCHANGE value is not a number: " + s);
        }
    }

    private static byte[] encodedValues(EnvChange change) {
        ByteBuf out = Unpooled.buffer();
        try {
            change.encodeValues(out);
            return ByteBufUtil.getBytes(out);
        } catch (IllegalArgumentException e) {
            return null;
        } finally {
            out.release();
        }
    }
}
