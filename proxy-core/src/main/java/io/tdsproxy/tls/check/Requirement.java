package io.tdsproxy.tls.check;

/**
 * What a server certificate must satisfy, in the order the doctor reports them. The first four are
 * SQL Server's own list (sql-server-on-linux-tls.md, "Requirements for Certificates"); the signature
 * strength comes from the same page's Ubuntu 20.04 section (OpenSSL security level 2: at least 112-bit
 * security); the rest are what makes the files usable at all.
 */
public enum Requirement {
    /** The current time lies between notBefore and notAfter (warning 30 days before expiry). */
    VALIDITY("validity dates"),
    /** Extended key usage includes serverAuth 1.3.6.1.5.5.7.3.1, or there is no EKU extension. */
    SERVER_AUTH_EKU("extended key usage"),
    /** Key usage allows the TLS key exchange (AT_KEYEXCHANGE: keyEncipherment / digitalSignature). */
    KEY_USAGE("key usage"),
    /** A DNS SAN (or, without DNS SANs, the CN) or an IP SAN matches the host clients connect to. */
    HOST_NAME("host name"),
    /** No MD5 or SHA-1 signature, RSA keys of at least 2048 bits, EC keys of at least 224 bits. */
    SIGNATURE_STRENGTH("signature strength"),
    /** The private key belongs to the first certificate of the file. */
    KEY_MATCH("key matches certificate"),
    /** Each certificate is issued and signed by the next; the last is a self-signed root (or clients have the CA). */
    CHAIN("certificate chain"),
    /** The key file has mode 600 or stricter and belongs to the user running the proxy. */
    KEY_FILE("key file permissions");

    private final String title;

    Requirement(String title) {
        this.title = title;
    }

    /** The short name shown in the report table. */
    public String title() {
        return title;
    }
}
