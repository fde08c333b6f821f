package io.tdsproxy.tds.types;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * DECIMAL/NUMERIC and MONEY values (MS-TDS 2.2.5.5.1.3 and 2.2.5.5.1.2).
 *
 * <pre>
 * decimal: BYTE sign (1 = positive or zero, 0 = negative) | magnitude, unsigned little-endian, 4/8/12/16 bytes
 * money:   LONG high 32 bits | ULONG low 32 bits   (value x 10^4)      smallmoney: LONG (value x 10^4)
 * </pre>
 */
final class DecimalCodec {
    private static final BigInteger MAX_MAGNITUDE = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private DecimalCodec() {
    }

    /** Body without its length byte: {@code length} bytes (sign included). */
    static void writeDecimal(ByteBuf out, TypeInfo type, BigDecimal value, int length) {
        BigDecimal scaled = value.setScale(type.scale(), RoundingMode.HALF_UP);
        BigInteger unscaled = scaled.unscaledValue();
        if (unscaled.signum() != 0 && scaled.precision() > type.precision()) {
            throw new IllegalArgumentException(value + " does not fit decimal(" + type.precision() + "," + type.scale() + ")");
        }
        out.writeByte(unscaled.signum() < 0 ? 0 : 1);
        byte[] bigEndian = unscaled.abs().toByteArray();
        int magnitude = length - 1;
        for (int i = 0; i < magnitude; i++) {
            int from = bigEndian.length - 1 - i;
            out.writeByte(from >= 0 ? bigEndian[from] : 0);
        }
    }

    /** Body of {@code length} bytes (sign included), the length byte already read. */
    static BigDecimal readDecimal(ByteBuf in, TypeInfo type, int length) {
        if (length < 2 || length > 17) {
            throw new ProtocolException(type.type() + " value length " + length + " out of range");
        }
        int sign = Wire.readU8(in, "decimal sign");
        if (sign > 1) {
            throw new ProtocolException("decimal sign byte " + sign + " is neither 0 nor 1");
        }
        byte[] little = Wire.readBytes(in, length - 1, "decimal magnitude");
        byte[] big = new byte[little.length];
        for (int i = 0; i < little.length; i++) {
            big[i] = little[little.length - 1 - i];
        }
        BigInteger magnitude = new BigInteger(1, big);
        if (magnitude.compareTo(MAX_MAGNITUDE) > 0) {
            throw new ProtocolException("decimal magnitude above 2^128-1");
        }
        return new BigDecimal(sign == 0 ? magnitude.negate() : magnitude, type.scale());
    }

    static void writeMoney(ByteBuf out, BigDecimal value, int length) {
        long units;
        try {
            units = value.setScale(4, RoundingMode.HALF_UP).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(value + " does not fit money", e);
        }
        if (length == 4) {
            if (units < Integer.MIN_VALUE || units > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(value + " does not fit smallmoney");
            }
            out.writeIntLE((int) units);
        } else {
            out.writeIntLE((int) (units >>> 32));
            out.writeIntLE((int) units);
        }
    }

    static BigDecimal readMoney(ByteBuf in, int length) {
        long units;
        if (length == 4) {
            units = Wire.readI32(in, "smallmoney");
        } else {
            long high = Wire.readI32(in, "money high");
            long low = Wire.readU32(in, "money low");
            units = high << 32 | low;
        }
        return BigDecimal.valueOf(units, 4);
    }
}
