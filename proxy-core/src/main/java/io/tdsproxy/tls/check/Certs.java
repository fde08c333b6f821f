package io.tdsproxy.tls.check;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Small helpers the checks share: how a certificate is named in a detail, self-signature, key sizes. */
final class Certs {
    private Certs() {
    }

    /** {@code "#2 (CN=Intermediate CA)"}: position in the file (1-based) and subject, as operators see them. */
    static String describe(List<X509Certificate> chain, int index) {
        return "#" + (index + 1) + " (" + subject(chain.get(index)) + ")";
    }

    static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    static String issuer(X509Certificate certificate) {
        return certificate.getIssuerX500Principal().getName();
    }

    /** Whether {@code child}'s issuer name is {@code parent}'s subject and {@code parent}'s key verifies its signature. */
    static boolean issuedBy(X509Certificate child, X509Certificate parent) {
        return child.getIssuerX500Principal().equals(parent.getSubjectX500Principal()) && verifies(child, parent.getPublicKey());
    }

    static boolean verifies(X509Certificate certificate, PublicKey key) {
        try {
            certificate.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Issuer equals subject and the certificate's own key verifies its signature. */
    static boolean selfSigned(X509Certificate certificate) {
        return issuedBy(certificate, certificate);
    }

    /** Key size in bits: RSA/DSA modulus, EC field size; 0 when the algorithm has no size we know. */
    static int keyBits(PublicKey key) {
        if (key instanceof RSAKey) {
            return ((RSAKey) key).getModulus().bitLength();
        }
        if (key instanceof ECKey) {
            return ((ECKey) key).getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAKey && ((DSAKey) key).getParams() != null) {
            return ((DSAKey) key).getParams().getP().bitLength();
        }
        return 0;
    }

    /** An instant as ISO-8601 UTC to the second, the way the report prints dates. */
    static String date(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A path quoted for a POSIX shell when it needs it, for fix commands operators paste. */
    static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./:@%+=,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
