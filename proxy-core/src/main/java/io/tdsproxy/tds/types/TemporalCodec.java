package io.tdsproxy.tds.types;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Date and time values (MS-TDS 2.2.5.5.1.8 DATETIME/SMALLDATETIME, 2.2.5.4.2 DATE/TIME/DATETIME2/
 * DATETIMEOFFSET).
 *
 * <pre>
 * date           3 bytes unsigned LE: days since 0001-01-01
 * time(n)        3/4/5 bytes unsigned LE: units of 10^-n s since midnight (scale 0-2 / 3-4 / 5-7)
 * datetime2(n)   time(n) | date
 * datetimeoffset time(n) | date (both UTC) | SHORT offset minutes
 * datetime       LONG days since 1900-01-01 | ULONG 1/300 s since midnight
 * smalldatetime  USHORT days since 1900-01-01 | USHORT minutes since midnight
 * </pre>
 *
 * Fractions finer than the scale are truncated on write; datetime rounds to the nearest 1/300 s and
 * reads back to the nearest millisecond (.000/.003/.007), which makes its round trip stable.
 */
final class TemporalCodec {
    private static final long DAY_0001 = LocalDate.of(1, 1, 1).toEpochDay();
    private static final long DAY_1900 = LocalDate.of(1900, 1, 1).toEpochDay();
    private static final long MAX_DAYS = LocalDate.of(9999, 12, 31).toEpochDay() - DAY_0001;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final long TICKS_PER_DAY = 300L * 86_400;

    private TemporalCodec() {
    }

    static void writeDate(ByteBuf out, LocalDate date) {
        long days = date.toEpochDay() - DAY_0001;
        if (days < 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException(date + " outside the date range 0001-01-01..9999-12-31");
        }
        out.writeMediumLE((int) days);
    }

    static LocalDate readDate(ByteBuf in) {
        ProtocolException.requireReadable(in.readableBytes(), 3, "date");
        long days = in.readUnsignedMediumLE();
        if (days > MAX_DAYS) {
            throw new ProtocolException("date " + days + " days after 0001-01-01 is past 9999-12-31");
        }
        return LocalDate.ofEpochDay(DAY_0001 + days);
    }

    static void writeTime(ByteBuf out, LocalTime time, int scale) {
        long units = time.toNanoOfDay() / pow10(9 - scale);
        int length = TypeInfo.timeLength(scale);
        for (int i = 0; i < length; i++) {
            out.writeByte((int) (units >>> (8 * i)));
        }
    }

    static LocalTime readTime(ByteBuf in, int scale) {
        int length = TypeInfo.timeLength(scale);
        ProtocolException.requireReadable(in.readableBytes(), length, "time");
        long units = 0;
        for (int i = 0; i < length; i++) {
            units |= (long) in.readUnsignedByte() << (8 * i);
        }
        long nanos = units * pow10(9 - scale);
        if (nanos >= NANOS_PER_DAY) {
            throw new ProtocolException("time value " + units + " at scale " + scale + " is not within a day");
        }
        return LocalTime.ofNanoOfDay(nanos);
    }

    static void writeDateTime2(ByteBuf out, LocalDateTime value, int scale) {
        writeTime(out, value.toLocalTime(), scale);
        writeDate(out, value.toLocalDate());
    }

    static LocalDateTime readDateTime2(ByteBuf in, int scale) {
        LocalTime time = readTime(in, scale);
        return LocalDateTime.of(readDate(in), time);
    }

    static void writeDateTimeOffset(ByteBuf out, OffsetDateTime value, int scale) {
        LocalDateTime utc = value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        writeDateTime2(out, utc, scale);
        out.writeShortLE(value.getOffset().getTotalSeconds() / 60);
    }

    static OffsetDateTime readDateTimeOffset(ByteBuf in, int scale) {
        LocalDateTime utc = readDateTime2(in, scale);
        ProtocolException.requireReadable(in.readableBytes(), 2, "datetimeoffset offset");
        int minutes = in.readShortLE();
        if (minutes < -14 * 60 || minutes > 14 * 60) {
            throw new ProtocolException("datetimeoffset offset " + minutes + " minutes outside +-14:00");
        }
        return OffsetDateTime.of(utc, ZoneOffset.UTC).withOffsetSameInstant(ZoneOffset.ofTotalSeconds(minutes * 60));
    }

    static void writeDateTime(ByteBuf out, LocalDateTime value) {
        long days = value.toLocalDate().toEpochDay() - DAY_1900;
        long ticks = (value.toLocalTime().toNanoOfDay() * 3 + 5_000_000) / 10_000_000;
        if (ticks == TICKS_PER_DAY) {
            days++;
            ticks = 0;
        }
        if (days < -53690 || days > 2958463) {
            throw new IllegalArgumentException(value + " outside the datetime range 1753-01-01..9999-12-31");
        }
        out.writeIntLE((int) days);
        out.writeIntLE((int) ticks);
    }

    static LocalDateTime readDateTime(ByteBuf in) {
        long days = Wire.readI32(in, "datetime days");
        long ticks = Wire.readU32(in, "datetime ticks");
        if (ticks >= TICKS_PER_DAY) {
            throw new ProtocolException("datetime ticks " + ticks + " not within a day");
        }
        long millis = (ticks * 10 + 1) / 3;
        return LocalDate.ofEpochDay(DAY_1900 + days).atStartOfDay().plusNanos(millis * 1_000_000);
    }

    static void writeSmallDateTime(ByteBuf out, LocalDateTime value) {
        long days = value.toLocalDate().toEpochDay() - DAY_1900;
        if (days < 0 || days > 0xFFFF) {
            throw new IllegalArgumentException(value + " outside the smalldatetime range");
        }
        out.writeShortLE((int) days);
        out.writeShortLE(value.getHour() * 60 + value.getMinute());
    }

    static LocalDateTime readSmallDateTime(ByteBuf in) {
        int days = Wire.readU16(in, "smalldatetime days");
        int minutes = Wire.readU16(in, "smalldatetime minutes");
        if (minutes >= 24 * 60) {
            throw new ProtocolException("smalldatetime minutes " + minutes + " not within a day");
        }
        return LocalDate.ofEpochDay(DAY_1900 + days).atStartOfDay().plusMinutes(minutes);
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
