package io.tdsproxy.tls.check;

import java.util.ArrayList;
import java.util.List;

/**
 * "The Subject property of the certificate must indicate that the common name (CN) is the same as the
 * host name or fully qualified domain name (FQDN) of the server computer. Note: Wild Card Certificates
 * are supported" (sql-server-on-linux-tls.md); clients apply the RFC 6125 rules of
 * {@link CertificateNames}. A mismatch is what clients report as "The target principal name is incorrect".
 */
final class HostNameCheck implements Check {
    @Override
    public Requirement requirement() {
        return Requirement.HOST_NAME;
    }

    @Override
    public CheckRow run(CheckInput in) {
        CertificateNames names = CertificateNames.of(in.leaf());
        String host = in.host();
        if (host == null) {
            return CheckRow.warn(requirement(), "no host given, so not checked; the certificate covers " + names.describe(),
                    "pass the server name clients put in their connection strings (cert check --host NAME)");
        }
        String fix = "reissue for the name clients use (tdsproxy cert generate --cn " + Certs.shellQuote(host)
                + ", or add --san " + Certs.shellQuote(host) + "), or have clients connect by a name the certificate covers";
        if (CertificateNames.isIpLiteral(host)) {
            return ipLiteral(host, names, fix);
        }
        for (String name : names.dnsIdentities()) {
            if (CertificateNames.matches(host, name)) {
                return CheckRow.pass(requirement(), (names.dns().isEmpty() ? "CN=" + name + " (no DNS SAN)" : "DNS:" + name)
                        + " covers " + host);
            }
        }
        List<String> why = new ArrayList<>();
        for (String name : names.dnsIdentities()) {
            String miss = CertificateNames.nearMiss(host, name);
            if (miss != null) {
                why.add(miss);
            }
        }
        if (!names.dns().isEmpty()) {
            for (String cn : names.cns()) {
                if (CertificateNames.matches(host, cn)) {
                    why.add("CN=" + cn + " would match, but clients ignore the CN when DNS SANs are present");
                }
            }
        }
        return CheckRow.fail(requirement(), host + " is not covered (clients report \"The target principal name is "
                + "incorrect\"); the certificate covers " + names.describe() + (why.isEmpty() ? "" : "; " + String.join("; ", why)),
                fix);
    }

    private CheckRow ipLiteral(String host, CertificateNames names, String fix) {
        for (String ip : names.ips()) {
            if (CertificateNames.sameAddress(host, ip)) {
                return CheckRow.pass(requirement(), "IP:" + ip + " covers " + host);
            }
        }
        for (String name : names.dnsIdentities()) {
            if (name.equals(CertificateNames.normalize(host))) {
                return CheckRow.warn(requirement(), host + " appears only as " + (names.dns().isEmpty() ? "CN" : "a DNS SAN")
                        + ", not as an IP SAN: clients that verify by RFC 6125 (Java, .NET on Linux) refuse it", fix);
            }
        }
        return CheckRow.fail(requirement(), host + " is not covered (clients report \"The target principal name is "
                + "incorrect\"); the certificate covers " + names.describe(), fix);
    }
}
