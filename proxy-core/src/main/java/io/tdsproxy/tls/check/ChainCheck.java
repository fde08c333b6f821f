package io.tdsproxy.tls.check;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The certificate file holds the server certificate first, then each issuer in turn: certificate
 * {@code i} names certificate {@code i+1} as its issuer and is signed by its key, and every issuer is a
 * CA (basicConstraints). The last one is either a self-signed root or issued by a CA outside the file,
 * which clients must then have in their trust store ("The certificate chain was issued by an authority
 * that is not trusted", sql-server-on-linux-tls.md); that is normal for a CA-issued certificate but
 * worth saying, hence a warning.
 */
final class ChainCheck implements Check {
    private static final String ORDER_FIX = "write the certificate file in order: the server certificate, then its "
            + "issuer, then that one's issuer, up to the root (or the last intermediate)";

    @Override
    public Requirement requirement() {
        return Requirement.CHAIN;
    }

    @Override
    public CheckRow run(CheckInput in) {
        List<X509Certificate> chain = in.chain();
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate child = chain.get(i);
            X509Certificate next = chain.get(i + 1);
            if (Certs.issuedBy(child, next)) {
                if (next.getBasicConstraints() < 0) {
                    return CheckRow.fail(requirement(), "certificate " + Certs.describe(chain, i + 1) + " issued "
                            + Certs.describe(chain, i) + " but is not a CA (no basicConstraints CA=true): clients refuse it",
                            "have the certificate issued by a CA certificate");
                }
                continue;
            }
            if (child.getIssuerX500Principal().equals(next.getSubjectX500Principal())) {
                return CheckRow.fail(requirement(), "certificate " + Certs.describe(chain, i) + " names "
                        + Certs.describe(chain, i + 1) + " as issuer, but its signature does not verify with that "
                        + "certificate's key (a different CA with the same name?)",
                        "use the issuer certificate that actually signed it (ask the CA for its chain)");
            }
            for (int j = 0; j < chain.size(); j++) {
                if (j != i && Certs.issuedBy(child, chain.get(j))) {
                    return CheckRow.fail(requirement(), "out of order: certificate " + Certs.describe(chain, i)
                            + " is issued by " + Certs.describe(chain, j) + ", which should follow it directly", ORDER_FIX);
                }
            }
            return CheckRow.fail(requirement(), "incomplete: certificate " + Certs.describe(chain, i) + " is issued by "
                    + Certs.issuer(child) + ", which is not in the file; " + Certs.describe(chain, i + 1)
                    + " does not issue it", "add the missing intermediate certificate " + Certs.issuer(child)
                    + " after " + Certs.describe(chain, i) + " (the CA publishes its chain)");
        }
        X509Certificate last = chain.get(chain.size() - 1);
        if (Certs.selfSigned(last)) {
            return CheckRow.pass(requirement(), chain.size() == 1
                    ? "a single self-signed certificate: clients that verify must trust this certificate itself"
                    : chain.size() + " certificates, each issued by the next, ending at self-signed root " + Certs.subject(last));
        }
        return CheckRow.warn(requirement(), (chain.size() == 1 ? "the certificate" : chain.size() + " certificates in order; the last")
                + " is issued by " + Certs.issuer(last) + ", which is not in the file: clients that verify need that CA "
                + "(and any intermediates below it) in their trust store",
                "give clients the CA certificate " + Certs.issuer(last) + " (or append the missing intermediates to the file)");
    }
}
