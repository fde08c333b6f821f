package io.tdsproxy.tls.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The names a server certificate covers and the RFC 6125 rules clients match them by.
 *
 * <ul>
 *   <li>DNS subjectAltNames; the subject CN counts only when there is no DNS SAN (RFC 6125 6.4.4:
 *       clients ignore the CN once a DNS SAN is present);</li>
 *   <li>a wildcard only as the whole left-most label, covering exactly one label: {@code *.example.com}
 *       covers {@code db.example.com}, not {@code a.b.example.com}, not {@code example.com}; no partial-label
 *       wildcards ({@code db*.example.com}) and none directly below a top-level domain ({@code *.com});</li>
 *   <li>IP literals match iPAddress SANs.</li>
 * </ul>
 *
 * Names compare case-insensitively, with a trailing dot ignored.
 *
 * @param dns DNS SANs, normalized
 * @param ips iPAddress SANs, as the JDK prints them
 * @param cns subject common names, normalized
 */
record CertificateNames(List<String> dns, List<String> ips, List<String> cns) {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(%\\w+)?]?");

    CertificateNames {
        dns = List.copyOf(dns);
        ips = List.copyOf(ips);
        cns = List.copyOf(cns);
    }

    /** Reads the SAN extension and the subject CNs; a malformed SAN extension counts as none. */
    static CertificateNames of(X509Certificate certificate) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == SAN_DNS) {
                        dns.add(normalize((String) san.get(1)));
                    } else if (type == SAN_IP) {
                        ips.add((String) san.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            dns.clear();
            ips.clear();
        }
        return new CertificateNames(dns, ips, commonNames(certificate));
    }

    /** The names host-name checks use: DNS SANs when there is one, else the CNs. */
    List<String> dnsIdentities() {
        return dns.isEmpty() ? cns : dns;
    }

    /** {@code "DNS:db.example.com, IP:10.0.0.5"} (or {@code "CN=db"} without DNS SANs): what an operator reads. */
    String describe() {
        List<String> out = new ArrayList<>();
        if (dns.isEmpty()) {
            cns.forEach(cn -> out.add("CN=" + cn));
        } else {
            dns.forEach(d -> out.add("DNS:" + d));
        }
        ips.forEach(ip -> out.add("IP:" + ip));
        return out.isEmpty() ? "no names at all" : String.join(", ", out);
    }

    static boolean isIpLiteral(String host) {
        return IPV4.matcher(host).matches() || (host.contains(":") && IPV6.matcher(host).matches());
    }

    /** Whether an IP literal equals an iPAddress SAN (comparing addresses, so {@code ::1} equals {@code 0:0:0:0:0:0:0:1}). */
    static boolean sameAddress(String literal, String san) {
        try {
            // Both are literals, so no DNS lookup happens.
            return InetAddress.getByName(strip(literal)).equals(InetAddress.getByName(san));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** RFC 6125 6.4: exact match, or a whole-left-most-label wildcard covering exactly one label. */
    static boolean matches(String host, String pattern) {
        String h = normalize(host);
        String p = normalize(pattern);
        if (p.indexOf('*') < 0) {
            return h.equals(p);
        }
        if (!p.startsWith("*.") || p.indexOf('*', 1) >= 0 || isIpLiteral(h)) {
            return false;
        }
        String suffix = p.substring(1);
        if (suffix.indexOf('.', 1) < 0) {
            return false;
        }
        int dot = h.indexOf('.');
        return dot > 0 && h.substring(dot).equals(suffix);
    }

    /**
     * Why a wildcard pattern clients refuse would look like a match to a person, or {@code null}
     * when it would not: the detail then says exactly which rule applies.
     */
    static String nearMiss(String host, String pattern) {
        String h = normalize(host);
        String p = normalize(pattern);
        if (p.indexOf('*') < 0 || matches(h, p)) {
            return null;
        }
        if (!p.startsWith("*.") || p.indexOf('*', 1) >= 0) {
            String glob = p.replace(".", "\\.").replace("*", "[^.]*");
            return h.matches(glob) ? p + " is a partial-label wildcard; clients accept * only as the whole left-most label"
                    : null;
        }
        String suffix = p.substring(1);
        if (suffix.indexOf('.', 1) < 0) {
            return h.endsWith(suffix) ? p + " is a wildcard directly below a top-level domain, which clients refuse" : null;
        }
        if (h.equals(suffix.substring(1))) {
            return p + " does not cover the bare domain " + h;
        }
        if (h.endsWith(suffix)) {
            return p + " covers exactly one label, not " + h;
        }
        return null;
    }

    static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static String strip(String literal) {
        String s = literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1) : literal;
        int zone = s.indexOf('%');
        return zone >= 0 ? s.substring(0, zone) : s;
    }

    private static List<String> commonNames(X509Certificate certificate) {
        List<String> cns = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    cns.add(normalize(rdn.getValue().toString()));
                }
            }
        } catch (InvalidNameException e) {
            return cns;
        }
        return cns;
    }
}
