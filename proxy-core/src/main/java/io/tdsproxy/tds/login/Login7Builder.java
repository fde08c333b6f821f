package io.tdsproxy.tds.login;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds a LOGIN7 message body (MS-TDS 2.2.6.4) for test clients and the load generator. Wrap the
 * result in packets with {@code TdsMessageWriter.writeMessage(out, PacketType.LOGIN7, ...)}.
 *
 * <p>Variable data is laid out in the order go-mssqldb uses (HostName, UserName, Password, AppName,
 * ServerName, CltIntName, Language, Database, SSPI, AtchDBFile, ChangePassword, then the extension
 * DWORD and the FeatureExt block), empty fields pointing at the current position and an unused
 * Extension field written as 0/0; with the same field values it reproduces go-mssqldb's reference
 * LOGIN7 bytes exactly. An SSPI blob of 65535 bytes or more goes last instead, because the USHORT
 * offsets of later fields could not point past it. Not thread-safe.
 */
public final class Login7Builder {
    private long tdsVersion = Login7.TDS_7_4;
    private int packetSize = 4096;
    private int clientProgVersion;
    private int clientPid;
    private int connectionId;
    private int optionFlags1 = 0xE0;
    private int optionFlags2 = 0x03;
    private int optionFlags3;
    private int typeFlags;
    private int clientTimeZone;
    private int clientLcid = 0x0409;
    private String hostName = "";
    private String userName = "";
    private String appName = "";
    private String serverName = "";
    private String clientLibrary = "tdsproxy";
    private String language = "";
    private String database = "";
    private ObfuscatedPassword password = ObfuscatedPassword.EMPTY;
    private byte[] featureExtension = new byte[0];
    private byte[] clientId = new byte[6];
    private byte[] sspi = new byte[0];
    private String attachDbFile = "";
    private ObfuscatedPassword changePassword = ObfuscatedPassword.EMPTY;

    /** Defaults: TDS 7.4, packet size 4096, OptionFlags1 0xE0, OptionFlags2 0x03, LCID 0x0409. */
    public Login7Builder() {
    }

    /** A builder holding every field of {@code login}, for re-encoding an edited copy. */
    public static Login7Builder from(Login7 login) {
        Login7Builder b = new Login7Builder().tdsVersion(login.tdsVersion()).packetSize(login.packetSize())
                .clientProgVersion(login.clientProgVersion()).clientPid(login.clientPid())
                .connectionId(login.connectionId()).optionFlags1(login.optionFlags1())
                .optionFlags2(login.optionFlags2()).optionFlags3(login.optionFlags3()).typeFlags(login.typeFlags())
                .clientTimeZone(login.clientTimeZone()).clientLcid(login.clientLcid()).hostName(login.hostName())
                .userName(login.userName()).appName(login.appName()).serverName(login.serverName())
                .clientLibrary(login.clientLibrary()).language(login.language()).database(login.database())
                .clientId(login.clientId()).sspi(login.sspi()).attachDbFile(login.attachDbFile());
        b.password = login.password();
        b.changePassword = login.changePassword();
        b.featureExtension = login.featureExtension();
        return b;
    }

    public Login7Builder tdsVersion(long value) { this.tdsVersion = value; return this; }
    public Login7Builder packetSize(int value) { this.packetSize = value; return this; }
    public Login7Builder clientProgVersion(int value) { this.clientProgVersion = value; return this; }
    public Login7Builder clientPid(int value) { this.clientPid = value; return this; }
    public Login7Builder connectionId(int value) { this.connectionId = value; return this; }
    public Login7Builder optionFlags1(int value) { this.optionFlags1 = value & 0xFF; return this; }
    public Login7Builder optionFlags2(int value) { this.optionFlags2 = value & 0xFF; return this; }
    /** OptionFlags3; the fExtension bit is then set or cleared by {@link #featureExtension(byte[])}. */
    public Login7Builder optionFlags3(int value) { this.optionFlags3 = value & 0xFF; return this; }
    public Login7Builder typeFlags(int value) { this.typeFlags = value & 0xFF; return this; }
    public Login7Builder clientTimeZone(int minutes) { this.clientTimeZone = minutes; return this; }
    public Login7Builder clientLcid(int value) { this.clientLcid = value; return this; }
    public Login7Builder hostName(String value) { this.hostName = Objects.requireNonNull(value); return this; }
    public Login7Builder userName(String value) { this.userName = Objects.requireNonNull(value); return this; }
    public Login7Builder appName(String value) { this.appName = Objects.requireNonNull(value); return this; }
    public Login7Builder serverName(String value) { this.serverName = Objects.requireNonNull(value); return this; }
    public Login7Builder clientLibrary(String value) { this.clientLibrary = Objects.requireNonNull(value); return this; }
    public Login7Builder language(String value) { this.language = Objects.requireNonNull(value); return this; }
    public Login7Builder database(String value) { this.database = Objects.requireNonNull(value); return this; }
    public Login7Builder attachDbFile(String value) { this.attachDbFile = Objects.requireNonNull(value); return this; }

    /** The password, obfuscated at once; the plain text is not kept. */
    public Login7Builder password(CharSequence plain) {
        this.password = ObfuscatedPassword.obfuscate(plain);
        return this;
    }

    /** A new password to set at login (TDS 7.2+), obfuscated at once. */
    public Login7Builder changePassword(CharSequence plain) {
        this.changePassword = ObfuscatedPassword.obfuscate(plain);
        return this;
    }

    /** ClientID, 6 bytes. */
    public Login7Builder clientId(byte[] value) {
        if (value.length != 6) {
            throw new IllegalArgumentException("clientId must be 6 bytes, got " + value.length);
        }
        this.clientId = value.clone();
        return this;
    }

    /** SSPI data; setting any also sets OptionFlags2 fIntSecurity. */
    public Login7Builder sspi(byte[] value) {
        this.sspi = value.clone();
        if (value.length > 0) {
            integratedSecurity(true);
        }
        return this;
    }

    /** TypeFlags fReadOnlyIntent. */
    public Login7Builder readOnlyIntent(boolean on) {
        typeFlags = on ? typeFlags | Login7.TYPE_READ_ONLY_INTENT : typeFlags & ~Login7.TYPE_READ_ONLY_INTENT;
        return this;
    }

    /** OptionFlags2 fIntSecurity. */
    public Login7Builder integratedSecurity(boolean on) {
        optionFlags2 = on ? optionFlags2 | Login7.OPTION2_INTEGRATED_SECURITY
                : optionFlags2 & ~Login7.OPTION2_INTEGRATED_SECURITY;
        return this;
    }

    /**
     * The FeatureExt block (entries and the 0xFF terminator), or empty for none; sets or clears
     * OptionFlags3 fExtension accordingly.
     */
    public Login7Builder featureExtension(byte[] block) {
        if (block.length > 0 && (block[block.length - 1] & 0xFF) != 0xFF) {
            throw new IllegalArgumentException("FeatureExt block must end with the 0xFF terminator");
        }
        this.featureExtension = block.clone();
        return this;
    }

    /** Decodable value of what {@link #encode} writes. */
    public Login7 toLogin7() {
        int flags3 = featureExtension.length > 0 ? optionFlags3 | Login7.OPTION3_EXTENSION
                : optionFlags3 & ~Login7.OPTION3_EXTENSION;
        return new Login7(tdsVersion, packetSize, clientProgVersion, clientPid, connectionId, optionFlags1,
                optionFlags2, flags3, typeFlags, clientTimeZone, clientLcid, hostName, userName, appName, serverName,
                clientLibrary, language, database, password, featureExtension, clientId, sspi, attachDbFile,
                changePassword);
    }

    /** A new buffer holding the LOGIN7 body; the caller releases it. */
    public ByteBuf build(ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer();
        try {
            encode(out);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /**
     * Writes the LOGIN7 body to {@code out}.
     *
     * @throws IllegalArgumentException if a field cannot be expressed: offsets past 65535, a
     *                                  change-password or long SSPI with a pre-7.2 version
     */
    public void encode(ByteBuf out) {
        Login7Writer.write(out, toLogin7());
    }

    static byte[] ucs2(String value) {
        return value.getBytes(StandardCharsets.UTF_16LE);
    }
}
