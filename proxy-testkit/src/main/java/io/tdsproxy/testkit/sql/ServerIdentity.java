package io.tdsproxy.testkit.sql;

/**
 * The identity the embedded server claims: a SQL Server 2022 (16.0) build, so that clients which
 * check versions (mssql-jdbc needs major 9 or later in PRELOGIN) pick their modern code paths.
 */
public final class ServerIdentity {
    /** PRELOGIN VERSION / LOGINACK major version. */
    public static final int MAJOR = 16;
    /** Minor version. */
    public static final int MINOR = 0;
    /** Build number (16.0.1000 is SQL Server 2022 RTM). */
    public static final int BUILD = 1000;
    /** Sub-build (PRELOGIN US_SUBBUILD). */
    public static final int SUB_BUILD = 6;
    /** LOGINACK ProgName: clients expect exactly this text (protocol.md 8.3). */
    public static final String PROGRAM_NAME = "Microsoft SQL Server";
    /** Name this server gives itself in ERROR/INFO tokens and {@code @@SERVERNAME}. */
    public static final String SERVER_NAME = "TDSPROXY-EMBEDDED";
    /** Dotted product version, as {@code SERVERPROPERTY('ProductVersion')} returns it. */
    public static final String PRODUCT_VERSION = MAJOR + "." + MINOR + "." + BUILD + "." + SUB_BUILD;
    /** Text of {@code @@VERSION}. */
    public static final String VERSION_TEXT = "Microsoft SQL Server 2022 (RTM) - " + PRODUCT_VERSION
            + " (X64) \n\ttdsproxy embedded test server (H2 backend)\n\tDeveloper Edition (64-bit)";
    /** Collation name matching the collation ENVCHANGE the server sends. */
    public static final String COLLATION = "SQL_Latin1_General_CP1_CI_AS";

    private ServerIdentity() {
    }
}
