package io.tdsproxy.server.proxy;

import io.netty.buffer.Unpooled;
import io.tdsproxy.server.config.BackendEncrypt;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.prelogin.EncryptionValue;
import io.tdsproxy.tds.prelogin.PreloginMessage;
import io.tdsproxy.testsupport.Vectors;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The backend-leg negotiation per {@code [backend] encrypt}, against the encryption values of real-shaped replies. */
class BackendLegTlsTest {
    private static EncryptionValue reply(String vector) {
        byte[] bytes = Vectors.bytes(vector);
        PreloginMessage message = PreloginMessage.decode(Unpooled.wrappedBuffer(bytes, PacketHeader.SIZE,
                bytes.length - PacketHeader.SIZE));
        return message.encryption().orElseThrow();
    }

    private static final EncryptionValue OFF = reply("constructed_prelogin_response_encrypt_off");
    private static final EncryptionValue ON = reply("constructed_prelogin_response_encrypt_on");
    private static final EncryptionValue NOT_SUP = reply("constructed_prelogin_response_encrypt_not_sup");
    private static final EncryptionValue REQ = reply("constructed_prelogin_response_encrypt_req");

    private static BackendLegTls negotiated(BackendEncrypt encrypt, EncryptionValue reply, boolean usable) {
        BackendLegTls leg = new BackendLegTls(encrypt);
        Optional<String> problem = leg.replied(reply);
        assertThat(problem.isEmpty()).as("%s with reply %s: %s", encrypt, reply, problem).isEqualTo(usable);
        return leg;
    }

    @Test
    void offIsPlaintextAndRefusesABackendThatForcesEncryption() {
        assertThat(new BackendLegTls(BackendEncrypt.OFF).requestValue()).isEqualTo(EncryptionValue.NOT_SUP);
        assertThat(negotiated(BackendEncrypt.OFF, NOT_SUP, true).mode()).isEqualTo(BackendLegMode.PLAINTEXT);
        assertThat(negotiated(BackendEncrypt.OFF, OFF, true).needsTds7Handshake()).isFalse();
        BackendLegTls forced = new BackendLegTls(BackendEncrypt.OFF);
        assertThat(forced.replied(REQ)).hasValueSatisfying(p -> assertThat(p)
                .startsWith("SQL Server login requires an encrypted connection").contains("encrypt = off"));
        negotiated(BackendEncrypt.OFF, ON, false);
        assertThat(new BackendLegTls(BackendEncrypt.OFF).mayEncryptAfterLogin()).isFalse();
    }

    @Test
    void loginIsLoginOnlyUnlessTheBackendForcesMoreAndNeverLess() {
        BackendLegTls leg = negotiated(BackendEncrypt.LOGIN, OFF, true);
        assertThat(leg.requestValue()).isEqualTo(EncryptionValue.OFF);
        assertThat(leg.mode()).isEqualTo(BackendLegMode.LOGIN_ONLY);
        assertThat(leg.needsTds7Handshake()).isTrue();
        assertThat(leg.mayEncryptAfterLogin()).isFalse();
        leg.handshakeDone("TLSv1.2");
        assertThat(leg.loginOnlyPending()).isTrue();
        assertThat(leg.tlsActive()).isTrue();
        leg.loginOnlyDropped();
        assertThat(leg.tlsActive()).isFalse();
        assertThat(leg.protocol()).contains("TLSv1.2");

        assertThat(negotiated(BackendEncrypt.LOGIN, REQ, true).mode()).isEqualTo(BackendLegMode.FULL_TLS);
        assertThat(negotiated(BackendEncrypt.LOGIN, ON, true).mayEncryptAfterLogin()).isTrue();
        assertThat(new BackendLegTls(BackendEncrypt.LOGIN).replied(NOT_SUP)).hasValueSatisfying(p ->
                assertThat(p).contains("does not support encryption").contains("encrypt = login"));
    }

    @Test
    void onIsFullTlsOrNothing() {
        assertThat(new BackendLegTls(BackendEncrypt.ON).requestValue()).isEqualTo(EncryptionValue.ON);
        BackendLegTls leg = negotiated(BackendEncrypt.ON, ON, true);
        assertThat(leg.mode()).isEqualTo(BackendLegMode.FULL_TLS);
        leg.handshakeDone("TLSv1.2");
        assertThat(leg.loginOnlyPending()).isFalse();
        assertThat(leg.tlsActive()).isTrue();
        assertThat(negotiated(BackendEncrypt.ON, REQ, true).mode()).isEqualTo(BackendLegMode.FULL_TLS);
        negotiated(BackendEncrypt.ON, OFF, false);
        assertThat(new BackendLegTls(BackendEncrypt.ON).replied(NOT_SUP)).hasValueSatisfying(p ->
                assertThat(p).contains("does not offer full encryption (PRELOGIN ENCRYPTION NOT_SUP)"));
    }

    @Test
    void strictIgnoresTheValueInsideTls() {
        BackendLegTls leg = new BackendLegTls(BackendEncrypt.STRICT);
        assertThat(leg.mayEncryptAfterLogin()).isTrue();
        leg.handshakeDone("TLSv1.3");
        assertThat(leg.mode()).isEqualTo(BackendLegMode.STRICT);
        assertThat(leg.tlsActive()).isTrue();
        for (EncryptionValue value : new EncryptionValue[] {OFF, ON, NOT_SUP, REQ}) {
            assertThat(leg.replied(value)).isEmpty();
        }
        assertThat(leg.needsTds7Handshake()).isFalse();
    }
}
