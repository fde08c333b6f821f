package io.tdsproxy.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Matches a server certificate against the expected host name (RFC 6125 rules): DNS subjectAltNames,
 * a wildcard only as the whole leftmost label ({@code *.example.com} matches {@code a.example.com}, not
 * {@code a.b.example.com} nor {@code example.com}); iPAddress SANs for IP literals; the subject CN only
 * when the certificate has no DNS SAN (SQL Server certificates often carry just the CN,
 * sql-server-on-linux-tls.md).
 */
final class HostnameMatcher {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private HostnameMatcher() {
    }

    static boolean matches(String expected, X509Certificate certificate) {
        String host = normalize(expected);
        List<String> dnsNames = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == SAN_DNS) {
                        dnsNames.add(normalize((String) san.get(1)));
                    } else if (type == SAN_IP) {
                        ips.add((String) san.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        if (CertificateGenerator.isIpLiteral(host)) {
            for (String ip : ips) {
                if (sameAddress(host, ip)) {
                    return true;
                }
            }
        }
        List<String> names = dnsNames.isEmpty() ? commonNames(certificate) : dnsNames;
        for (String name : names) {
            if (nameMatches(host, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean nameMatches(String host, String pattern) {
        if (!pattern.startsWith("*.")) {
            return host.equals(pattern);
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot).equals(pattern.substring(1)) && pattern.indexOf('.', 2) > 0;
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

    private static boolean sameAddress(String a, String b) {
        try {
            // Both are literals, so no name lookup happens.
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
