package io.tdsproxy.tls.check;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * "The current system time must be after the Valid from property of the certificate and before the
 * Valid to property" (sql-server-on-linux-tls.md). Every certificate in the file is judged, since an
 * expired intermediate breaks the chain as surely as an expired server certificate.
 */
final class ValidityCheck implements Check {
    /** Expiry closer than this is a warning: time to renew, while clients still connect. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private static final String RENEW = "renew it: request a new certificate from the CA, or for a self-signed one "
            + "run tdsproxy cert generate --cn HOST --cert FILE --key FILE";

    @Override
    public Requirement requirement() {
        return Requirement.VALIDITY;
    }

    @Override
    public CheckRow run(CheckInput in) {
        List<X509Certificate> chain = in.chain();
        Instant now = in.now();
        int soonest = 0;
        for (int i = 0; i < chain.size(); i++) {
            Instant from = chain.get(i).getNotBefore().toInstant();
            Instant to = chain.get(i).getNotAfter().toInstant();
            if (now.isBefore(from)) {
                return CheckRow.fail(requirement(), "certificate " + Certs.describe(chain, i) + " is not valid until "
                        + Certs.date(from) + " (now " + Certs.date(now) + ")",
                        "check this machine's clock (and the issuing machine's); or reissue it with a start date in the past");
            }
            if (now.isAfter(to)) {
                return CheckRow.fail(requirement(), "certificate " + Certs.describe(chain, i) + " expired on "
                        + Certs.date(to) + " (now " + Certs.date(now) + ")", RENEW);
            }
            if (to.isBefore(chain.get(soonest).getNotAfter().toInstant())) {
                soonest = i;
            }
        }
        X509Certificate leaf = in.leaf();
        Instant expiry = chain.get(soonest).getNotAfter().toInstant();
        Duration left = Duration.between(now, expiry);
        if (left.compareTo(EXPIRY_WARNING) < 0) {
            return CheckRow.warn(requirement(), "certificate " + Certs.describe(chain, soonest) + " expires in "
                    + left.toDays() + " days, on " + Certs.date(expiry), RENEW + " before " + Certs.date(expiry));
        }
        return CheckRow.pass(requirement(), "valid from " + Certs.date(leaf.getNotBefore().toInstant()) + " to "
                + Certs.date(leaf.getNotAfter().toInstant()) + " (" + left.toDays() + " days left"
                + (chain.size() > 1 ? ", whole chain valid" : "") + ")");
    }
}
