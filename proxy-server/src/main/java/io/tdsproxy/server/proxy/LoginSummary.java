package io.tdsproxy.server.proxy;

import io.tdsproxy.tds.login.Login7;

import java.util.Objects;

/**
 * The identity fields of a LOGIN7 (MS-TDS 2.2.6.4) that an audit trail needs, and nothing else: no
 * password, no SSPI or feature-extension bytes, so that passing it around can leak no secret.
 *
 * @param user          UserName (empty for integrated security)
 * @param appName       AppName
 * @param hostName      HostName: the client machine's name as the client reports it
 * @param database      Database (empty: the login's default)
 * @param clientLibrary CltIntName, e.g. {@code Microsoft JDBC Driver 13.2}
 * @param serverName    ServerName: the server name the client connected to
 * @param tdsVersion    TDSVersion as the little-endian DWORD value, e.g. {@code 0x74000004}
 */
public record LoginSummary(String user, String appName, String hostName, String database, String clientLibrary,
                           String serverName, long tdsVersion) {
    public LoginSummary {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(clientLibrary, "clientLibrary");
        Objects.requireNonNull(serverName, "serverName");
    }

    /** The audit fields of a decoded LOGIN7. */
    public static LoginSummary of(Login7 login) {
        return new LoginSummary(login.userName(), login.appName(), login.hostName(), login.database(),
                login.clientLibrary(), login.serverName(), login.tdsVersion());
    }

    /**
     * The TDS version as people write it: {@code 7.4}, {@code 7.3B}, ..., {@code 8.0}, or the raw value
     * in hex when it is none of the MS-TDS 2.2.6.4 values.
     */
    public String tdsVersionName() {
        if (tdsVersion == Login7.TDS_7_4) {
            return "7.4";
        } else if (tdsVersion == Login7.TDS_7_3B) {
            return "7.3B";
        } else if (tdsVersion == Login7.TDS_7_3A) {
            return "7.3A";
        } else if (tdsVersion == Login7.TDS_7_2) {
            return "7.2";
        } else if (tdsVersion == Login7.TDS_7_1) {
            return "7.1";
        } else if (tdsVersion == 0x70000000L) {
            return "7.0";
        } else if (tdsVersion == Login7.TDS_8_0) {
            return "8.0";
        }
        return String.format("0x%08x", tdsVersion);
    }
}
