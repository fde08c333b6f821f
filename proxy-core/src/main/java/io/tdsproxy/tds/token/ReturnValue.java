package io.tdsproxy.tds.token;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.types.TypeInfo;
import io.tdsproxy.tds.types.ValueCodec;
import io.tdsproxy.tds.types.Wire;

/**
 * RETURNVALUE 0xAC (MS-TDS 2.2.7.18), TDS 7.2+ layout (see {@link TokenFormat} for 7.1): an
 * output parameter or UDF result.
 *
 * <pre>
 * AC | ParamOrdinal USHORT | ParamName B_VARCHAR | Status BYTE | UserType ULONG | Flags USHORT
 *    | TYPE_INFO | Value TYPE_VARBYTE
 * </pre>
 *
 * @param ordinal  ParamOrdinal, position of the parameter in the RPC
 * @param name     ParamName including the leading {@code @}, may be empty
 * @param status   {@link #OUTPUT_PARAMETER} or {@link #UDF_RETURN}
 * @param userType UserType
 * @param flags    the same flag bits as a column ({@code io.tdsproxy.tds.types.Column})
 * @param type     TYPE_INFO
 * @param value    the value in the Java type {@link ValueCodec} uses, or {@code null}
 */
public record ReturnValue(int ordinal, String name, int status, long userType, int flags, TypeInfo type, Object value) {
    /** Status: the value of an output parameter. */
    public static final int OUTPUT_PARAMETER = 0x01;
    /** Status: the return value of a user-defined function. */
    public static final int UDF_RETURN = 0x02;

    public ReturnValue {
        if (ordinal < 0 || ordinal > 0xFFFF || status < 0 || status > 0xFF || flags < 0 || flags > 0xFFFF) {
            throw new IllegalArgumentException("ordinal/flags are USHORTs and status a BYTE");
        }
        if (type == null) {
            throw new IllegalArgumentException("type is required");
        }
        name = name == null ? "" : name;
    }

    /** Writes the token in the TDS 7.2+ layout; on a rejected value {@code out} is left as it was. */
    public void encode(ByteBuf out) {
        encode(out, TokenFormat.TDS_7_2);
    }

    /** Writes the token in {@code format} (UserType is a USHORT before TDS 7.2). */
    public void encode(ByteBuf out, TokenFormat format) {
        if (!format.supports(type)) {
            throw new IllegalArgumentException(type + " cannot be sent in the " + format + " layout");
        }
        int mark = out.writerIndex();
        try {
            out.writeByte(TokenType.RETURNVALUE.code()).writeShortLE(ordinal);
            Wire.writeBVarchar(out, name);
            out.writeByte(status);
            if (format == TokenFormat.TDS_7_1) {
                out.writeShortLE((int) userType);
            } else {
                out.writeIntLE((int) userType);
            }
            out.writeShortLE(flags);
            type.encode(out);
            ValueCodec.write(out, type, value);
        } catch (RuntimeException e) {
            out.writerIndex(mark);
            throw e;
        }
    }

    /** Reads a RETURNVALUE token in the TDS 7.2+ layout, the token byte included. */
    public static ReturnValue decode(ByteBuf in) {
        return decode(in, TokenFormat.TDS_7_2);
    }

    /** Reads a RETURNVALUE token in {@code format}, the token byte included. */
    public static ReturnValue decode(ByteBuf in, TokenFormat format) {
        int token = Wire.readU8(in, "RETURNVALUE token");
        if (token != TokenType.RETURNVALUE.code()) {
            throw new ProtocolException(String.format("expected RETURNVALUE, got token 0x%02X", token));
        }
        int ordinal = Wire.readU16(in, "RETURNVALUE ordinal");
        String name = Wire.readBVarchar(in, "RETURNVALUE name");
        int status = Wire.readU8(in, "RETURNVALUE status");
        long userType = format == TokenFormat.TDS_7_1 ? Wire.readU16(in, "RETURNVALUE user type")
                : Wire.readU32(in, "RETURNVALUE user type");
        int flags = Wire.readU16(in, "RETURNVALUE flags");
        TypeInfo type = TypeInfo.decode(in);
        Object value = ValueCodec.read(in, type);
        return new ReturnValue(ordinal, name, status, userType, flags, type, value);
    }
}
