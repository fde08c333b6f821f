package io.tdsproxy.tls.check;

import java.security.cert.CertificateParsingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "The certificate must be meant for server authentication. This requires the Enhanced Key Usage
 * property of the certificate to specify Server Authentication (1.3.6.1.5.5.7.3.1)"
 * (sql-server-on-linux-tls.md). A certificate without the extension may be used for any purpose
 * (RFC 5280 4.2.1.12), which TLS clients accept.
 */
final class ExtendedKeyUsageCheck implements Check {
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String ANY = "2.5.29.37.0";
    private static final Map<String, String> NAMES = Map.of(
            SERVER_AUTH, "serverAuth",
            "1.3.6.1.5.5.7.3.2", "clientAuth",
            "1.3.6.1.5.5.7.3.3", "codeSigning",
            "1.3.6.1.5.5.7.3.4", "emailProtection",
            "1.3.6.1.5.5.7.3.8", "timeStamping",
            "1.3.6.1.5.5.7.3.9", "OCSPSigning",
            ANY, "anyExtendedKeyUsage");
    private static final String FIX = "reissue with extended key usage serverAuth (openssl: -addext "
            + "'extendedKeyUsage=serverAuth'; tdsproxy cert generate adds it)";

    @Override
    public Requirement requirement() {
        return Requirement.SERVER_AUTH_EKU;
    }

    @Override
    public CheckRow run(CheckInput in) {
        List<String> ekus;
        try {
            ekus = in.leaf().getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return CheckRow.fail(requirement(), "the extended key usage extension is malformed: " + e.getMessage(), FIX);
        }
        if (ekus == null) {
            return CheckRow.pass(requirement(), "no extended key usage extension: usable for any purpose, "
                    + "server authentication included");
        }
        if (ekus.contains(SERVER_AUTH)) {
            return CheckRow.pass(requirement(), "includes Server Authentication (" + SERVER_AUTH + "): " + names(ekus));
        }
        if (ekus.contains(ANY)) {
            return CheckRow.warn(requirement(), "only anyExtendedKeyUsage (" + ANY + "): Java clients accept it, but "
                    + "SQL Server's requirements name Server Authentication (" + SERVER_AUTH + ") explicitly", FIX);
        }
        return CheckRow.fail(requirement(), "not meant for server authentication: extended key usage is " + names(ekus)
                + ", without Server Authentication (" + SERVER_AUTH + ")", FIX);
    }

    private static String names(List<String> oids) {
        List<String> out = new ArrayList<>();
        for (String oid : oids) {
            out.add(NAMES.getOrDefault(oid, oid));
        }
        return String.join(", ", out);
    }
}
