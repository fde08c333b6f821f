package io.tdsproxy.server.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** One-line descriptions of a certificate for {@code cert generate}'s output. */
final class CertSummary {
    private CertSummary() {
    }

    /** {@code "DNS:db.example.com, IP:10.0.0.5"}. */
    static String names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    names.add((type == 2 ? "DNS:" : type == 7 ? "IP:" : "type" + type + ":") + san.get(1));
                }
            }
        } catch (CertificateParsingException e) {
            names.add("(unreadable subjectAltName: " + e.getMessage() + ")");
        }
        return names.isEmpty() ? "(no subjectAltName)" : String.join(", ", names);
    }

    static String validity(X509Certificate certificate) {
        return certificate.getNotBefore().toInstant().truncatedTo(ChronoUnit.SECONDS) + " to "
                + certificate.getNotAfter().toInstant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** The SHA-256 fingerprint as colon-separated hex, as {@code openssl x509 -fingerprint -sha256} prints it. */
    static String sha256Fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                if (hex.length() > 0) {
                    hex.append(':');
                }
                hex.append(String.format("%02X", b & 0xff));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "(unavailable: " + e.getMessage() + ")";
        }
    }
}
