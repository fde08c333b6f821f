package io.tdsproxy.server.admin;

/** The one piece of JSON writing the admin listener needs: a string literal (RFC 8259 section 7). */
final class Json {
    private Json() {
    }

    /** {@code text} as a quoted JSON string, with quotes, backslashes and control characters escaped. */
    static String string(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
