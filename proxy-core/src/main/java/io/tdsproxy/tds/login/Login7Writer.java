package io.tdsproxy.tds.login;

import io.netty.buffer.ByteBuf;

import static io.tdsproxy.tds.login.Login7Builder.ucs2;

/** Lays out a {@link Login7} as a LOGIN7 body (MS-TDS 2.2.6.4); see {@link Login7Builder} for the order. */
final class Login7Writer {
    private final ByteBuf out;
    private final int base;
    private final int fixed;
    private int position;

    private Login7Writer(ByteBuf out, int fixed) {
        this.out = out;
        this.base = out.writerIndex();
        this.fixed = fixed;
        this.position = fixed;
    }

    static void write(ByteBuf out, Login7 login) {
        int fixed = Login7.fixedLength(login.tdsVersion());
        if (fixed < Login7.FIXED_LENGTH && (!login.changePassword().isEmpty() || login.sspi().length >= 0xFFFF)) {
            throw new IllegalArgumentException("ChangePassword and long SSPI need TDS 7.2 or later");
        }
        int start = out.writerIndex();
        try {
            new Login7Writer(out, fixed).writeAll(login);
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
    }

    private void writeAll(Login7 login) {
        out.writeZero(fixed);
        out.setIntLE(base + 4, (int) login.tdsVersion());
        out.setIntLE(base + 8, login.packetSize());
        out.setIntLE(base + 12, login.clientProgVersion());
        out.setIntLE(base + 16, login.clientPid());
        out.setIntLE(base + 20, login.connectionId());
        out.setByte(base + 24, login.optionFlags1());
        out.setByte(base + 25, login.optionFlags2());
        out.setByte(base + 26, login.typeFlags());
        out.setByte(base + 27, login.optionFlags3());
        out.setIntLE(base + 28, login.clientTimeZone());
        out.setIntLE(base + 32, login.clientLcid());
        chars(Login7Reader.HOST_NAME, ucs2(login.hostName()));
        chars(Login7Reader.USER_NAME, ucs2(login.userName()));
        out.setShortLE(base + Login7Reader.PASSWORD, checkOffset(position));
        out.setShortLE(base + Login7Reader.PASSWORD + 2, checkCount(login.password().lengthInChars()));
        login.password().writeTo(out);
        position += login.password().wireLength();
        chars(Login7Reader.APP_NAME, ucs2(login.appName()));
        chars(Login7Reader.SERVER_NAME, ucs2(login.serverName()));
        chars(Login7Reader.CLIENT_LIBRARY, ucs2(login.clientLibrary()));
        chars(Login7Reader.LANGUAGE, ucs2(login.language()));
        chars(Login7Reader.DATABASE, ucs2(login.database()));
        out.setBytes(base + Login7Reader.CLIENT_ID, login.clientId());
        byte[] sspi = login.sspi();
        boolean longSspi = sspi.length >= 0xFFFF;
        if (!longSspi) {
            sspi(sspi);
        }
        chars(Login7Reader.ATTACH_DB_FILE, ucs2(login.attachDbFile()));
        if (fixed >= Login7.FIXED_LENGTH) {
            out.setShortLE(base + Login7Reader.CHANGE_PASSWORD, checkOffset(position));
            out.setShortLE(base + Login7Reader.CHANGE_PASSWORD + 2, checkCount(login.changePassword().lengthInChars()));
            login.changePassword().writeTo(out);
            position += login.changePassword().wireLength();
        }
        byte[] features = login.featureExtension();
        if (features.length > 0) {
            out.setShortLE(base + Login7Reader.EXTENSION, checkOffset(position));
            out.setShortLE(base + Login7Reader.EXTENSION + 2, 4);
            out.writeIntLE(position + 4);
            position += 4;
            data(features);
        }
        if (longSspi) {
            // USHORT offsets cannot point past a long SSPI blob, so it goes last.
            sspi(sspi);
        }
        out.setIntLE(base, position);
    }

    /** SSPI: cbSSPI is 0xFFFF and cbSSPILong holds the size when it does not fit a USHORT (TDS 7.2+). */
    private void sspi(byte[] sspi) {
        out.setShortLE(base + Login7Reader.SSPI, checkOffset(position));
        out.setShortLE(base + Login7Reader.SSPI + 2, Math.min(sspi.length, 0xFFFF));
        if (fixed >= Login7.FIXED_LENGTH) {
            out.setIntLE(base + Login7Reader.SSPI_LONG, sspi.length >= 0xFFFF ? sspi.length : 0);
        }
        data(sspi);
    }

    private void chars(int field, byte[] value) {
        out.setShortLE(base + field, checkOffset(position));
        out.setShortLE(base + field + 2, checkCount(value.length / 2));
        data(value);
    }

    private void data(byte[] value) {
        out.writeBytes(value);
        position += value.length;
    }

    private static int checkOffset(int offset) {
        if (offset > 0xFFFF) {
            throw new IllegalArgumentException("LOGIN7 variable data past 65535 bytes cannot be addressed");
        }
        return offset;
    }

    private static int checkCount(int count) {
        if (count > 0xFFFF) {
            throw new IllegalArgumentException("LOGIN7 field of " + count + " characters is too long");
        }
        return count;
    }
}
