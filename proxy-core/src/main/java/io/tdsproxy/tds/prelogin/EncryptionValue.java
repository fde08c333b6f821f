package io.tdsproxy.tds.prelogin;

/**
 * The PRELOGIN ENCRYPTION option byte (MS-TDS 2.2.6.5 B_FENCRYPTION; protocol.md 3.1): a level in
 * the low bits plus the {@link #CLIENT_CERT} bit 0x80 that asks for certificate-based client
 * authentication (mssql-jdbc sets it when {@code clientCertificate} is configured).
 *
 * @param raw the byte as sent, 0..255; unknown values are kept, never rejected here
 */
public record EncryptionValue(int raw) {
    /** Bit 0x80: the client will authenticate with a certificate. */
    public static final int CLIENT_CERT = 0x80;

    public static final EncryptionValue OFF = new EncryptionValue(0x00);
    public static final EncryptionValue ON = new EncryptionValue(0x01);
    public static final EncryptionValue NOT_SUP = new EncryptionValue(0x02);
    public static final EncryptionValue REQ = new EncryptionValue(0x03);

    public EncryptionValue {
        if (raw < 0 || raw > 0xFF) {
            throw new IllegalArgumentException("encryption byte " + raw + " outside 0..255");
        }
    }

    /** The value for an unsigned byte. */
    public static EncryptionValue of(int raw) {
        return new EncryptionValue(raw);
    }

    /** The level of the bits other than {@link #CLIENT_CERT}. */
    public EncryptionLevel level() {
        return EncryptionLevel.of(raw & ~CLIENT_CERT);
    }

    /** Whether the 0x80 client-certificate bit is set. */
    public boolean clientCertificate() {
        return (raw & CLIENT_CERT) != 0;
    }

    /** This value with the 0x80 bit cleared: what a server puts in its reply. */
    public EncryptionValue withoutClientCertificate() {
        return clientCertificate() ? new EncryptionValue(raw & ~CLIENT_CERT) : this;
    }

    /** This value with the 0x80 bit set. */
    public EncryptionValue withClientCertificate() {
        return new EncryptionValue(raw | CLIENT_CERT);
    }

    @Override
    public String toString() {
        String level = level() == EncryptionLevel.UNKNOWN ? String.format("UNKNOWN(0x%02x)", raw & ~CLIENT_CERT)
                : level().name();
        return clientCertificate() ? "CLIENT_CERT|" + level : level;
    }
}
