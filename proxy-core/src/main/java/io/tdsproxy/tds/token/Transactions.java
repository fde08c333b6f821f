package io.tdsproxy.tds.token;

/** Helpers for the transaction ENVCHANGE records: descriptor checks and hex for {@code toString}. */
final class Transactions {
    private Transactions() {
    }

    static byte[] checked(byte[] descriptor) {
        if (descriptor == null || descriptor.length > 0xFF) {
            throw new IllegalArgumentException("transaction descriptor must be 0..255 bytes");
        }
        return descriptor.clone();
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
