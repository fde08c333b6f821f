package io.tdsproxy.tds.login;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;

import java.nio.charset.StandardCharsets;

/**
 * Decodes a LOGIN7 body (MS-TDS 2.2.6.4). Every (offset, length) pair is checked against the
 * message's Length field, and the Length field against the bytes actually present, before anything
 * is read, so a malformed or truncated message raises {@link ProtocolException} and nothing else.
 */
final class Login7Reader {
    static final int HOST_NAME = 36;
    static final int USER_NAME = 40;
    static final int PASSWORD = 44;
    static final int APP_NAME = 48;
    static final int SERVER_NAME = 52;
    static final int EXTENSION = 56;
    static final int CLIENT_LIBRARY = 60;
    static final int LANGUAGE = 64;
    static final int DATABASE = 68;
    static final int CLIENT_ID = 72;
    static final int SSPI = 78;
    static final int ATTACH_DB_FILE = 82;
    static final int CHANGE_PASSWORD = 86;
    static final int SSPI_LONG = 90;

    private final ByteBuf in;
    private final int base;
    private final int length;
    private final int fixed;

    private Login7Reader(ByteBuf in, int length, int fixed) {
        this.in = in;
        this.base = in.readerIndex();
        this.length = length;
        this.fixed = fixed;
    }

    static Login7 read(ByteBuf payload) {
        int readable = payload.readableBytes();
        ProtocolException.requireReadable(readable, 8, "LOGIN7 Length and TDSVersion");
        int base = payload.readerIndex();
        long declared = payload.getUnsignedIntLE(base);
        long tdsVersion = payload.getUnsignedIntLE(base + 4);
        int fixed = Login7.fixedLength(tdsVersion);
        if (declared != readable) {
            throw new ProtocolException("LOGIN7 Length field " + declared + " but the message has " + readable + " bytes");
        }
        ProtocolException.requireReadable(readable, fixed, "LOGIN7 fixed part");
        Login7 login = new Login7Reader(payload, readable, fixed).decode(tdsVersion);
        payload.skipBytes(readable);
        return login;
    }

    private Login7 decode(long tdsVersion) {
        int optionFlags3 = in.getUnsignedByte(base + 27);
        byte[] clientId = new byte[6];
        in.getBytes(base + CLIENT_ID, clientId);
        return new Login7(tdsVersion, in.getIntLE(base + 8), in.getIntLE(base + 12), in.getIntLE(base + 16),
                in.getIntLE(base + 20), in.getUnsignedByte(base + 24), in.getUnsignedByte(base + 25), optionFlags3,
                in.getUnsignedByte(base + 26), in.getIntLE(base + 28), in.getIntLE(base + 32),
                string(HOST_NAME, "HostName"), string(USER_NAME, "UserName"), string(APP_NAME, "AppName"),
                string(SERVER_NAME, "ServerName"), string(CLIENT_LIBRARY, "CltIntName"),
                string(LANGUAGE, "Language"), string(DATABASE, "Database"),
                ObfuscatedPassword.fromWire(chars(PASSWORD, "Password")),
                (optionFlags3 & Login7.OPTION3_EXTENSION) != 0 ? featureExtension() : new byte[0],
                clientId, sspi(), string(ATTACH_DB_FILE, "AtchDBFile"),
                fixed >= Login7.FIXED_LENGTH ? ObfuscatedPassword.fromWire(chars(CHANGE_PASSWORD, "ChangePassword"))
                        : ObfuscatedPassword.EMPTY);
    }

    private String string(int field, String name) {
        return new String(chars(field, name), StandardCharsets.UTF_16LE);
    }

    /** The bytes of an (ib USHORT, cch USHORT) field, cch counting UCS-2 code units. */
    private byte[] chars(int field, String name) {
        return bytes(in.getUnsignedShortLE(base + field), 2 * in.getUnsignedShortLE(base + field + 2), name);
    }

    private byte[] bytes(long offset, long size, String name) {
        if (size > 0 && offset < fixed) {
            throw new ProtocolException("LOGIN7 " + name + ": offset " + offset + " inside the fixed part");
        }
        if (offset + size > length) {
            throw new ProtocolException("LOGIN7 " + name + ": " + offset + "+" + size + " beyond the message end "
                    + length);
        }
        byte[] data = new byte[(int) size];
        in.getBytes(base + (int) offset, data);
        return data;
    }

    /** SSPI bytes; cbSSPI 0xFFFF means the real size is in cbSSPILong (TDS 7.2+). */
    private byte[] sspi() {
        long size = in.getUnsignedShortLE(base + SSPI + 2);
        if (size == 0xFFFF && fixed >= Login7.FIXED_LENGTH) {
            size = in.getUnsignedIntLE(base + SSPI_LONG);
        }
        return bytes(in.getUnsignedShortLE(base + SSPI), size, "SSPI");
    }

    /**
     * With fExtension, ibExtension points to a DWORD ibFeatureExtLong, which points to the
     * FeatureExt block: {FeatureId BYTE, FeatureDataLen DWORD, data}* then 0xFF (MS-TDS 2.2.6.4).
     */
    private byte[] featureExtension() {
        int ib = in.getUnsignedShortLE(base + EXTENSION);
        int cb = in.getUnsignedShortLE(base + EXTENSION + 2);
        if (cb < 4) {
            throw new ProtocolException("LOGIN7 fExtension set but cbExtension is " + cb + " (needs a 4-byte offset)");
        }
        bytes(ib, 4, "Extension");
        long start = in.getUnsignedIntLE(base + ib);
        if (start < fixed || start >= length) {
            throw new ProtocolException("LOGIN7 FeatureExt offset " + start + " outside " + fixed + ".." + (length - 1));
        }
        long pos = start;
        while (true) {
            if (pos >= length) {
                throw new ProtocolException("LOGIN7 FeatureExt not terminated by 0xFF");
            }
            int id = in.getUnsignedByte(base + (int) pos);
            if (id == 0xFF) {
                break;
            }
            if (pos + 5 > length) {
                throw new ProtocolException("LOGIN7 FeatureExt entry 0x" + Integer.toHexString(id) + " truncated");
            }
            pos += 5 + in.getUnsignedIntLE(base + (int) pos + 1);
        }
        return bytes(start, pos + 1 - start, "FeatureExt");
    }
}
