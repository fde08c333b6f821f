package io.tdsproxy.tls.check;

import java.util.ArrayList;
import java.util.List;

/**
 * "The certificate must be created by using the KeySpec option of AT_KEYEXCHANGE. Usually, the
 * certificate's key usage property (KEY_USAGE) also includes key encipherment"
 * (sql-server-on-linux-tls.md).
 *
 * <p>AT_KEYEXCHANGE is a Windows CryptoAPI key spec: the key may be used to exchange (encrypt)
 * session keys, as opposed to AT_SIGNATURE, signing only. In X.509 terms that is the key usage bit
 * keyEncipherment, which RSA key exchange (the {@code TLS_RSA_*} suites, still in the proxy's list for
 * older clients) needs. The ECDHE suites and TLS 1.3 use the key to sign the handshake instead, which
 * needs digitalSignature; clients check these bits (RFC 5246 7.4.2, RFC 8446 4.4.2.4). EC keys only ever
 * sign. Without the extension every usage is allowed (RFC 5280 4.2.1.3).
 */
final class KeyUsageCheck implements Check {
    private static final String[] BITS = {"digitalSignature", "nonRepudiation", "keyEncipherment",
            "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final String FIX_RSA = "reissue with key usage digitalSignature, keyEncipherment (openssl: -addext "
            + "'keyUsage=critical,digitalSignature,keyEncipherment'; tdsproxy cert generate sets both)";
    private static final String FIX_EC = "reissue with key usage digitalSignature (openssl: -addext "
            + "'keyUsage=critical,digitalSignature')";

    @Override
    public Requirement requirement() {
        return Requirement.KEY_USAGE;
    }

    @Override
    public CheckRow run(CheckInput in) {
        boolean[] ku = in.leaf().getKeyUsage();
        if (ku == null) {
            return CheckRow.pass(requirement(), "no key usage extension: every usage allowed, key exchange included");
        }
        boolean sign = has(ku, DIGITAL_SIGNATURE);
        boolean encipher = has(ku, KEY_ENCIPHERMENT);
        String present = "key usage is " + names(ku);
        if ("EC".equals(in.leaf().getPublicKey().getAlgorithm())) {
            if (sign) {
                return CheckRow.pass(requirement(), present + ": an EC key signs the ECDHE handshake, which needs "
                        + "digitalSignature" + (encipher ? " (keyEncipherment means nothing for EC keys, RFC 5480)" : ""));
            }
            return CheckRow.fail(requirement(), present + ": an EC key must sign the ECDHE handshake, so clients "
                    + "refuse it without digitalSignature", FIX_EC);
        }
        if (sign && encipher) {
            return CheckRow.pass(requirement(), "keyEncipherment (AT_KEYEXCHANGE: RSA key exchange) and "
                    + "digitalSignature (ECDHE, TLS 1.3) both allowed");
        }
        if (sign) {
            return CheckRow.warn(requirement(), present + ", without keyEncipherment: ECDHE works, but clients that "
                    + "offer only RSA key exchange fail; SQL Server asks for an AT_KEYEXCHANGE key, which is keyEncipherment",
                    FIX_RSA);
        }
        return CheckRow.fail(requirement(), present + (encipher
                ? ", without digitalSignature: clients refuse the ECDHE and TLS 1.3 handshakes, in which the key signs"
                : ": neither keyEncipherment (AT_KEYEXCHANGE, RSA key exchange) nor digitalSignature (ECDHE): the key "
                + "cannot take part in any TLS key exchange"), FIX_RSA);
    }

    private static boolean has(boolean[] ku, int bit) {
        return ku.length > bit && ku[bit];
    }

    private static String names(boolean[] ku) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ku.length && i < BITS.length; i++) {
            if (ku[i]) {
                out.add(BITS[i]);
            }
        }
        return out.isEmpty() ? "empty" : String.join(", ", out);
    }
}
