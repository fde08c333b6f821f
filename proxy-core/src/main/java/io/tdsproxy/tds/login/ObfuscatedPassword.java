package io.tdsproxy.tds.login;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A LOGIN7 password as it travels on the wire (MS-TDS 2.2.6.4): UCS-2 little-endian, each byte with
 * its nibbles swapped and then XORed with 0xA5 (FreeTDS {@code tds7_crypt_pass}; protocol.md 8.6).
 *
 * <p>The obfuscation is trivially reversible, so these bytes are as sensitive as the password. This
 * type therefore never decodes them, offers no accessor to them outside this package, masks its
 * {@link #toString()}, and compares in constant time: {@link #matches(String)} obfuscates the
 * candidate and compares the obfuscated forms.
 */
public final class ObfuscatedPassword {
    /** The empty password (zero-length field). */
    public static final ObfuscatedPassword EMPTY = new ObfuscatedPassword(new byte[0]);

    private final byte[] wire;

    private ObfuscatedPassword(byte[] wire) {
        this.wire = wire;
    }

    /** Wraps bytes read from a LOGIN7 message (copied). */
    public static ObfuscatedPassword fromWire(byte[] obfuscated) {
        return new ObfuscatedPassword(obfuscated.clone());
    }

    /** Obfuscates a plain-text password the way a client does. */
    public static ObfuscatedPassword obfuscate(CharSequence plain) {
        return new ObfuscatedPassword(scramble(plain));
    }

    /**
     * Whether {@code candidate} is this password. Runs in time independent of where the bytes differ
     * ({@link MessageDigest#isEqual}); only the length can show.
     */
    public boolean matches(CharSequence candidate) {
        return MessageDigest.isEqual(wire, scramble(candidate));
    }

    /** Whether the field was empty. */
    public boolean isEmpty() {
        return wire.length == 0;
    }

    /** Length in UCS-2 code units (the LOGIN7 cch value). */
    public int lengthInChars() {
        return wire.length / 2;
    }

    /** Writes the obfuscated bytes; package-private so that only the LOGIN7 encoder sees them. */
    void writeTo(ByteBuf out) {
        out.writeBytes(wire);
    }

    int wireLength() {
        return wire.length;
    }

    private static byte[] scramble(CharSequence plain) {
        byte[] bytes = plain.toString().getBytes(StandardCharsets.UTF_16LE);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            bytes[i] = (byte) ((((b << 4) | (b >>> 4)) & 0xFF) ^ 0xA5);
        }
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ObfuscatedPassword p && MessageDigest.isEqual(p.wire, wire);
    }

    /** Depends on the length only, so that hashing leaks nothing more than the length. */
    @Override
    public int hashCode() {
        return wire.length;
    }

    /** Always {@code ****}. */
    @Override
    public String toString() {
        return "****";
    }
}
