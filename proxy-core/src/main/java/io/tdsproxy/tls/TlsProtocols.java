package io.tdsproxy.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * TLS protocol lists in the form of mssql-conf {@code network.tlsprotocols} ({@code 1.2},
 * {@code 1.0,1.1,1.2}) or JSSE names ({@code TLSv1.2}), turned into ordered JSSE names.
 *
 * <p>TLS 1.3 is accepted by {@link #parse} but only the TDS 8.0 (strict) path may use it:
 * {@link #forTds7} drops it because the TDS 7.x login-only switch and the PRELOGIN-wrapped handshake
 * assume that nothing but application data follows the handshake (protocol.md 3.4, 4.5).
 */
public final class TlsProtocols {
    public static final String TLS_1_0 = "TLSv1";
    public static final String TLS_1_1 = "TLSv1.1";
    public static final String TLS_1_2 = "TLSv1.2";
    public static final String TLS_1_3 = "TLSv1.3";

    /** Ascending by version; the index is the sort key. */
    private static final List<String> ORDER = List.of(TLS_1_0, TLS_1_1, TLS_1_2, TLS_1_3);

    private TlsProtocols() {
    }

    /**
     * Parses a comma (or whitespace) separated list. Tokens: {@code 1.0 1.1 1.2 1.3} and
     * {@code TLSv1 TLSv1.0 TLSv1.1 TLSv1.2 TLSv1.3}, case-insensitive.
     *
     * @return JSSE names, ascending, without duplicates
     * @throws IllegalArgumentException naming the first token that is not a TLS version, or when empty
     */
    public static List<String> parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("TLS protocol list is empty");
        }
        TreeSet<Integer> versions = new TreeSet<>();
        for (String token : value.trim().split("[,;\\s]+")) {
            versions.add(ORDER.indexOf(jsseName(token)));
        }
        List<String> names = new ArrayList<>(versions.size());
        for (int index : versions) {
            names.add(ORDER.get(index));
        }
        return List.copyOf(names);
    }

    /** The JSSE name for one token, e.g. {@code 1.2} -> {@code TLSv1.2}. */
    public static String jsseName(String token) {
        String t = token.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("tlsv")) {
            t = t.substring(4);
        }
        switch (t) {
            case "1":
            case "1.0":
                return TLS_1_0;
            case "1.1":
                return TLS_1_1;
            case "1.2":
                return TLS_1_2;
            case "1.3":
                return TLS_1_3;
            default:
                throw new IllegalArgumentException("not a TLS protocol version: '" + token.trim()
                        + "' (expected 1.0, 1.1, 1.2, 1.3 or TLSv1.x)");
        }
    }

    /** The list without TLS 1.3 (TDS 7.x never negotiates it, protocol.md 4.5). */
    public static List<String> forTds7(List<String> protocols) {
        List<String> kept = new ArrayList<>(protocols);
        kept.remove(TLS_1_3);
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("TLS protocols " + protocols
                    + " leave nothing for TDS 7.x, which never uses TLS 1.3; list 1.2 as well");
        }
        return List.copyOf(kept);
    }

    /** The TLS 1.2 and 1.3 entries of the list, the versions TDS 8.0 (strict) is offered with. */
    public static List<String> forStrict(List<String> protocols) {
        List<String> kept = new ArrayList<>();
        for (String p : protocols) {
            if (TLS_1_2.equals(p) || TLS_1_3.equals(p)) {
                kept.add(p);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("TLS protocols " + protocols
                    + " leave nothing for TDS 8.0 (strict), which uses TLS 1.2 or 1.3");
        }
        return List.copyOf(kept);
    }

    /** True when TLS 1.0 or 1.1 is in the list (those need CBC-SHA cipher suites). */
    public static boolean includesLegacy(List<String> protocols) {
        return protocols.contains(TLS_1_0) || protocols.contains(TLS_1_1);
    }
}
