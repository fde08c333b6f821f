package io.tdsproxy.server.proxy;

import io.tdsproxy.server.proxy.SessionState.Negotiation;
import io.tdsproxy.tds.prelogin.EncryptionValue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The client-leg decision: TDS 8.0 replies, the MS-TDS table, and forcestrict. */
class ClientLegPolicyTest {
    private static final EncryptionValue GO_STRICT = EncryptionValue.of(0x04);

    @Test
    void strictRepliesWhatEachClientAccepts() {
        // mssql-jdbc, tedious, FreeTDS send NOT_SUP inside the tunnel and accept only NOT_SUP back.
        Negotiation jdbc = ClientLegPolicy.decide(EncryptionValue.NOT_SUP, true, true, true, false, false);
        assertThat(jdbc.mode()).isEqualTo(ClientLegMode.STRICT);
        assertThat(jdbc.decision().reply()).isEqualTo(EncryptionValue.NOT_SUP);
        assertThat(jdbc.forwardsLogin()).isTrue();
        assertThat(jdbc.tls()).as("no TDS 7.x handshake follows").isFalse();
        // go-mssqldb's 0x04 is unknown to the TDS 7.x table but fine inside TDS 8.0.
        assertThat(ClientLegPolicy.decide(GO_STRICT, true, true, true, false, false).forwardsLogin()).isTrue();
        assertThat(ClientLegPolicy.decide(EncryptionValue.ON, true, true, true, true, true).decision().reply())
                .isEqualTo(EncryptionValue.ON);
        assertThat(ClientLegPolicy.decide(EncryptionValue.REQ, true, true, false, false, false).mode())
                .isEqualTo(ClientLegMode.STRICT);
    }

    @Test
    void tds7FollowsTheTable() {
        Negotiation loginOnly = ClientLegPolicy.decide(EncryptionValue.OFF, true, false, true, false, false);
        assertThat(loginOnly.mode()).isEqualTo(ClientLegMode.LOGIN_ONLY);
        assertThat(loginOnly.decision().reply()).isEqualTo(EncryptionValue.OFF);
        Negotiation forced = ClientLegPolicy.decide(EncryptionValue.OFF, true, false, true, true, false);
        assertThat(forced.mode()).isEqualTo(ClientLegMode.FULL_TLS);
        assertThat(forced.decision().reply()).isEqualTo(EncryptionValue.REQ);
        Negotiation noCertificate = ClientLegPolicy.decide(EncryptionValue.OFF, true, false, false, false, false);
        assertThat(noCertificate.mode()).isEqualTo(ClientLegMode.PLAINTEXT);
        assertThat(noCertificate.forwardsLogin()).isTrue();
        // A LOGIN7 without PRELOGIN counts as NOT_SUP: allowed unless encryption is forced.
        assertThat(ClientLegPolicy.decide(EncryptionValue.NOT_SUP, false, false, true, false, false).forwardsLogin())
                .isTrue();
        assertThat(ClientLegPolicy.decide(EncryptionValue.NOT_SUP, false, false, true, true, false).forwardsLogin())
                .isFalse();
    }

    @Test
    void forceStrictNeverForwardsATds7LoginAndNeverLetsItTravelInClear() {
        for (EncryptionValue sent : new EncryptionValue[] {EncryptionValue.OFF, EncryptionValue.ON,
            EncryptionValue.NOT_SUP, EncryptionValue.REQ, GO_STRICT}) {
            Negotiation n = ClientLegPolicy.decide(sent, true, false, true, false, true);
            assertThat(n.forwardsLogin()).as("%s", sent).isFalse();
            assertThat(n.strictRequired()).isTrue();
            assertThat(n.decision().reply()).as("%s", sent).isIn(EncryptionValue.REQ, EncryptionValue.ON);
        }
        // OFF gets REQ: the client encrypts fully, then reads the ERROR inside TLS.
        Negotiation off = ClientLegPolicy.decide(EncryptionValue.OFF, true, false, true, false, true);
        assertThat(off.tls()).isTrue();
        assertThat(off.mode()).isEqualTo(ClientLegMode.FULL_TLS);
        // Without a TDS 7.x context (tlsprotocols = 1.3): REQ and no handshake.
        Negotiation none = ClientLegPolicy.decide(EncryptionValue.OFF, true, false, false, false, true);
        assertThat(none.decision().reply()).isEqualTo(EncryptionValue.REQ);
        assertThat(none.tls()).isFalse();
        assertThat(none.forwardsLogin()).isFalse();
        // A strict client is served.
        assertThat(ClientLegPolicy.decide(EncryptionValue.NOT_SUP, true, true, true, false, true).forwardsLogin())
                .isTrue();
    }
}
