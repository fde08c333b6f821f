package io.tdsproxy.testkit.clients;

/** Decodes the JSON string literals ({@code "..."} or {@code null}) that the client scripts print. */
final class JsonText {
    private JsonText() {
    }

    /** The string a JSON literal stands for, or {@code null} for {@code null}. */
    static String decode(String literal) {
        if (literal.equals("null")) {
            return null;
        }
        if (literal.length() < 2 || literal.charAt(0) != '"' || literal.charAt(literal.length() - 1) != '"') {
            throw new IllegalArgumentException("not a JSON string: " + literal);
        }
        StringBuilder out = new StringBuilder(literal.length());
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = literal.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e); // \" \\ \/
            }
        }
        return out.toString();
    }
}
