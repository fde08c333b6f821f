package io.tdsproxy.tds.login;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.tdsproxy.tds.ProtocolException;

import java.util.Arrays;
import java.util.Objects;

/**
 * A decoded LOGIN7 message (MS-TDS 2.2.6.4; protocol.md 8.6): the fixed part and the variable
 * fields it points to. Built by {@link #decode(ByteBuf)} or, for clients, by {@link Login7Builder}.
 *
 * <p>Security: {@link #toString()} never shows the password, the change-password, the SSPI bytes or
 * the feature extension data (only their sizes); a record's generated {@code toString} would print
 * every field, so it is overridden here. Byte arrays are copied in and out.
 *
 * @param tdsVersion        TDSVersion as the little-endian DWORD value, e.g. {@code 0x74000004} for 7.4
 * @param packetSize        requested packet size (DWORD, taken as a signed int; real values fit)
 * @param clientProgVersion ClientProgVer DWORD
 * @param clientPid         ClientPID DWORD
 * @param connectionId      ConnectionID DWORD
 * @param optionFlags1      OptionFlags1 byte
 * @param optionFlags2      OptionFlags2 byte (0x80 fIntSecurity)
 * @param optionFlags3      OptionFlags3 byte (0x10 fExtension)
 * @param typeFlags         TypeFlags byte (0x20 fReadOnlyIntent)
 * @param clientTimeZone    ClientTimeZone LONG, minutes
 * @param clientLcid        ClientLCID DWORD
 * @param hostName          HostName
 * @param userName          UserName
 * @param appName           AppName
 * @param serverName        ServerName
 * @param clientLibrary     CltIntName (client interface library name)
 * @param language          Language
 * @param database          Database
 * @param password          Password, obfuscated as on the wire
 * @param featureExtension  the FeatureExt block (entries plus the 0xFF terminator) when fExtension is set, else empty
 * @param clientId          ClientID, 6 bytes (usually a MAC address)
 * @param sspi              SSPI data for integrated security, else empty
 * @param attachDbFile      AtchDBFile
 * @param changePassword    ChangePassword (TDS 7.2+), obfuscated
 */
public record Login7(
        long tdsVersion, int packetSize, int clientProgVersion, int clientPid, int connectionId,
        int optionFlags1, int optionFlags2, int optionFlags3, int typeFlags, int clientTimeZone, int clientLcid,
        String hostName, String userName, String appName, String serverName, String clientLibrary,
        String language, String database, ObfuscatedPassword password,
        byte[] featureExtension, byte[] clientId, byte[] sspi, String attachDbFile, ObfuscatedPassword changePassword) {

    /** Size of the fixed part for TDS 7.2 and later (and 8.0). */
    public static final int FIXED_LENGTH = 94;
    /** Size of the fixed part for TDS 7.0 and 7.1, which lack ibChangePassword and cbSSPILong. */
    public static final int FIXED_LENGTH_TDS71 = 86;
    /** OptionFlags2 fIntSecurity. */
    public static final int OPTION2_INTEGRATED_SECURITY = 0x80;
    /** OptionFlags3 fExtension. */
    public static final int OPTION3_EXTENSION = 0x10;
    /** TypeFlags fReadOnlyIntent (TDS 7.4). */
    public static final int TYPE_READ_ONLY_INTENT = 0x20;
    /** TDSVersion values as the little-endian DWORD (MS-TDS 2.2.6.4). */
    public static final long TDS_7_1 = 0x71000001L;
    public static final long TDS_7_2 = 0x72090002L;
    public static final long TDS_7_3A = 0x730A0003L;
    public static final long TDS_7_3B = 0x730B0003L;
    public static final long TDS_7_4 = 0x74000004L;
    public static final long TDS_8_0 = 0x08000000L;

    public Login7 {
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(clientLibrary, "clientLibrary");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(attachDbFile, "attachDbFile");
        Objects.requireNonNull(changePassword, "changePassword");
        featureExtension = featureExtension.clone();
        sspi = sspi.clone();
        if (clientId.length != 6) {
            throw new IllegalArgumentException("clientId must be 6 bytes, got " + clientId.length);
        }
        clientId = clientId.clone();
    }

    /**
     * Decodes a whole LOGIN7 message body: every readable byte of {@code payload} (packet headers
     * removed, packets joined), consuming them. Does not release {@code payload}.
     *
     * @throws ProtocolException if the Length field disagrees with the message, a field points
     *                           outside it, or the feature extension block is malformed
     */
    public static Login7 decode(ByteBuf payload) {
        return Login7Reader.read(payload);
    }

    /** TypeFlags fReadOnlyIntent: the client asked for a read-only replica (ApplicationIntent=ReadOnly). */
    public boolean readOnlyIntent() {
        return (typeFlags & TYPE_READ_ONLY_INTENT) != 0;
    }

    /** OptionFlags2 fIntSecurity: Windows integrated authentication (SSPI) instead of a password. */
    public boolean integratedSecurity() {
        return (optionFlags2 & OPTION2_INTEGRATED_SECURITY) != 0;
    }

    /** OptionFlags3 fExtension: a feature extension block is present. */
    public boolean hasFeatureExtension() {
        return (optionFlags3 & OPTION3_EXTENSION) != 0;
    }

    /** The fixed-part size this TDS version uses. */
    public static int fixedLength(long tdsVersion) {
        int major = (int) (tdsVersion >>> 24);
        return major == 0x70 || major == 0x71 ? FIXED_LENGTH_TDS71 : FIXED_LENGTH;
    }

    @Override
    public byte[] featureExtension() {
        return featureExtension.clone();
    }

    @Override
    public byte[] clientId() {
        return clientId.clone();
    }

    @Override
    public byte[] sspi() {
        return sspi.clone();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Login7)) {
            return false;
        }
        Login7 o = (Login7) other;
        return tdsVersion == o.tdsVersion && packetSize == o.packetSize && clientProgVersion == o.clientProgVersion
                && clientPid == o.clientPid && connectionId == o.connectionId && optionFlags1 == o.optionFlags1
                && optionFlags2 == o.optionFlags2 && optionFlags3 == o.optionFlags3 && typeFlags == o.typeFlags
                && clientTimeZone == o.clientTimeZone && clientLcid == o.clientLcid && hostName.equals(o.hostName)
                && userName.equals(o.userName) && appName.equals(o.appName) && serverName.equals(o.serverName)
                && clientLibrary.equals(o.clientLibrary) && language.equals(o.language)
                && database.equals(o.database) && password.equals(o.password)
                && Arrays.equals(featureExtension, o.featureExtension) && Arrays.equals(clientId, o.clientId)
                && Arrays.equals(sspi, o.sspi) && attachDbFile.equals(o.attachDbFile)
                && changePassword.equals(o.changePassword);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tdsVersion, packetSize, userName, database, appName, hostName, serverName);
    }

    /** Every field except the secrets, which show as {@code ****} or a byte count. */
    @Override
    public String toString() {
        return "Login7[tdsVersion=0x" + Long.toHexString(tdsVersion) + ", packetSize=" + packetSize
                + ", clientProgVersion=0x" + Integer.toHexString(clientProgVersion) + ", clientPid=" + clientPid
                + ", connectionId=" + connectionId + ", optionFlags1=0x" + Integer.toHexString(optionFlags1)
                + ", optionFlags2=0x" + Integer.toHexString(optionFlags2) + ", optionFlags3=0x"
                + Integer.toHexString(optionFlags3) + ", typeFlags=0x" + Integer.toHexString(typeFlags)
                + ", clientTimeZone=" + clientTimeZone + ", clientLcid=0x" + Integer.toHexString(clientLcid)
                + ", hostName=" + hostName + ", userName=" + userName + ", appName=" + appName
                + ", serverName=" + serverName + ", clientLibrary=" + clientLibrary + ", language=" + language
                + ", database=" + database + ", password=****, featureExtension=" + featureExtension.length
                + " bytes, clientId=" + ByteBufUtil.hexDump(clientId) + ", sspi=" + sspi.length
                + " bytes, attachDbFile=" + attachDbFile + ", changePassword=****]";
    }
}
