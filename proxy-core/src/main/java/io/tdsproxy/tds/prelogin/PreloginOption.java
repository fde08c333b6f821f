package io.tdsproxy.tds.prelogin;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * One PRELOGIN option: its token byte and its data, exactly as on the wire (MS-TDS 2.2.6.5).
 * Immutable: the array is copied in and out, equality is by content.
 *
 * @param token the PL_OPTION_TOKEN byte, 0x00..0xFE (0xFF is the terminator)
 * @param data  the option data, at most 65535 bytes (PL_OPTION_LENGTH is a USHORT)
 */
public record PreloginOption(int token, byte[] data) {

    public PreloginOption {
        if (token < 0 || token >= PreloginOptionToken.TERMINATOR) {
            throw new IllegalArgumentException("option token " + token + " outside 0..254");
        }
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("option data " + data.length + " bytes, at most 65535");
        }
        data = data.clone();
    }

    /** An option for a named token. */
    public static PreloginOption of(PreloginOptionToken token, byte[] data) {
        if (token == PreloginOptionToken.UNKNOWN) {
            throw new IllegalArgumentException("UNKNOWN has no wire code; use the constructor");
        }
        return new PreloginOption(token.code(), data);
    }

    /** A copy of the data. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The data length without copying. */
    public int length() {
        return data.length;
    }

    /** Writes the data bytes to {@code out} without copying them first. */
    public void writeData(ByteBuf out) {
        out.writeBytes(data);
    }

    /** The data byte at {@code index}, unsigned. */
    public int byteAt(int index) {
        return data[index] & 0xFF;
    }

    public PreloginOptionToken tokenType() {
        return PreloginOptionToken.of(token);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PreloginOption o && o.token == token && Arrays.equals(o.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * token + Arrays.hashCode(data);
    }

    /** Token name and hex data; PRELOGIN carries no secrets. */
    @Override
    public String toString() {
        StringBuilder hex = new StringBuilder();
        for (byte b : data) {
            hex.append(String.format("%02x", b & 0xFF));
        }
        PreloginOptionToken type = tokenType();
        String name = type == PreloginOptionToken.UNKNOWN ? String.format("0x%02x", token) : type.name();
        return name + "[" + hex + "]";
    }
}
