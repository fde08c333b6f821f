package io.tdsproxy.tds.prelogin;

/**
 * How the server side (the embedded backend, or the proxy facing its clients) is configured for
 * TDS 7.x encryption: the three server columns of the MS-TDS table (protocol.md 3.2).
 */
public enum ServerEncryptionPolicy {
    /** A certificate exists and the client decides (SQL Server forceencryption=0; spec "ENCRYPT_OFF"). */
    OFF,
    /** A certificate exists and the whole connection must be encrypted (forceencryption=1; spec "ENCRYPT_ON"). */
    FORCE,
    /** No certificate: encryption is not available (spec "ENCRYPT_NOT_SUP"). */
    NOT_SUP
}
