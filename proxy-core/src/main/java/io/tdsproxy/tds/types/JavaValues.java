package io.tdsproxy.tds.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Converts the Java value handed to {@link ValueCodec#write} to the form a TDS type needs. A value
 * of the wrong Java type or out of range is the caller's mistake, so it is an
 * {@link IllegalArgumentException}, never a {@code ProtocolException}.
 */
final class JavaValues {
    private JavaValues() {
    }

    static long integral(Object value, long min, long max, TdsType type) {
        long v;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            v = ((Number) value).longValue();
        } else if (value instanceof BigInteger || value instanceof BigDecimal) {
            try {
                v = value instanceof BigInteger ? ((BigInteger) value).longValueExact()
                        : ((BigDecimal) value).longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(value + " is not an integer that fits " + type, e);
            }
        } else {
            throw wrongType(value, type, "an integral Number");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(v + " outside " + min + ".." + max + " for " + type);
        }
        return v;
    }

    static boolean bool(Object value, TdsType type) {
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value instanceof Number) {
            return ((Number) value).longValue() != 0;
        }
        throw wrongType(value, type, "Boolean");
    }

    static double floating(Object value, TdsType type) {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        throw wrongType(value, type, "Number");
    }

    static BigDecimal decimal(Object value, TdsType type) {
        if (value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof BigInteger) {
            return new BigDecimal((BigInteger) value);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(d + " has no decimal value");
            }
            return BigDecimal.valueOf(d);
        }
        throw wrongType(value, type, "BigDecimal");
    }

    static String string(Object value, TdsType type) {
        if (value instanceof CharSequence || value instanceof Character) {
            return value.toString();
        }
        throw wrongType(value, type, "String");
    }

    static byte[] binary(Object value, TdsType type) {
        if (value instanceof byte[]) {
            return (byte[]) value;
        }
        throw wrongType(value, type, "byte[]");
    }

    static LocalDate date(Object value, TdsType type) {
        if (value instanceof LocalDate) {
            return (LocalDate) value;
        }
        throw wrongType(value, type, "LocalDate");
    }

    static LocalTime time(Object value, TdsType type) {
        if (value instanceof LocalTime) {
            return (LocalTime) value;
        }
        throw wrongType(value, type, "LocalTime");
    }

    static LocalDateTime dateTime(Object value, TdsType type) {
        if (value instanceof LocalDateTime) {
            return (LocalDateTime) value;
        }
        throw wrongType(value, type, "LocalDateTime");
    }

    static OffsetDateTime offsetDateTime(Object value, TdsType type) {
        if (value instanceof OffsetDateTime) {
            return (OffsetDateTime) value;
        }
        throw wrongType(value, type, "OffsetDateTime");
    }

    static UUID uuid(Object value, TdsType type) {
        if (value instanceof UUID) {
            return (UUID) value;
        }
        throw wrongType(value, type, "UUID");
    }

    private static IllegalArgumentException wrongType(Object value, TdsType type, String expected) {
        return new IllegalArgumentException(type + " needs " + expected + ", got " + value.getClass().getName());
    }
}
