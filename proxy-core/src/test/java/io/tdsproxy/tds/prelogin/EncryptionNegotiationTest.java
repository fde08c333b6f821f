package io.tdsproxy.tds.prelogin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The MS-TDS encryption tables (protocol.md 3.2) row by row. */
class EncryptionNegotiationTest {

    @ParameterizedTest(name = "client 0x{0} policy {1} -> {2}/{3}")
    @CsvSource({
        // client, policy, reply, outcome: the spec server table incl. the 0x8x rows
        "00, OFF,     OFF,     LOGIN_ONLY",
        "01, OFF,     ON,      FULL",
        "02, OFF,     NOT_SUP, NONE",
        "03, OFF,     ON,      FULL",
        "80, OFF,     OFF,     LOGIN_ONLY",
        "81, OFF,     ON,      FULL",
        "82, OFF,     REQ,     REFUSE",
        "83, OFF,     ON,      FULL",
        "00, FORCE,   REQ,     FULL",
        "01, FORCE,   ON,      FULL",
        "02, FORCE,   REQ,     REFUSE",
        "03, FORCE,   ON,      FULL",
        "80, FORCE,   REQ,     FULL",
        "81, FORCE,   ON,      FULL",
        "82, FORCE,   REQ,     REFUSE",
        "83, FORCE,   ON,      FULL",
        "00, NOT_SUP, NOT_SUP, NONE",
        "01, NOT_SUP, NOT_SUP, REFUSE",
        "02, NOT_SUP, NOT_SUP, NONE",
        "03, NOT_SUP, NOT_SUP, REFUSE",
        "80, NOT_SUP, NOT_SUP, REFUSE",
        "81, NOT_SUP, NOT_SUP, REFUSE",
        "82, NOT_SUP, REQ,     REFUSE",
        "83, NOT_SUP, NOT_SUP, REFUSE",
        // unknown levels (go-mssqldb strict 0x04, with and without the cert bit): refused
        "04, OFF,     REQ,     REFUSE",
        "04, FORCE,   REQ,     REFUSE",
        "04, NOT_SUP, NOT_SUP, REFUSE",
        "84, OFF,     REQ,     REFUSE",
        "7f, FORCE,   REQ,     REFUSE",
        "ff, NOT_SUP, NOT_SUP, REFUSE",
    })
    void serverSideFollowsTheSpecTable(String client, ServerEncryptionPolicy policy, String reply,
                                       EncryptionOutcome outcome) {
        EncryptionDecision decision = EncryptionNegotiation.serverSide(
                EncryptionValue.of(Integer.parseInt(client, 16)), policy);
        assertThat(decision).isEqualTo(new EncryptionDecision(named(reply), outcome));
    }

    @ParameterizedTest(name = "sent 0x{0} reply 0x{1} -> {2}")
    @CsvSource({
        "00, 00, LOGIN_ONLY", "00, 01, FULL", "00, 03, FULL", "00, 02, NONE",
        "01, 00, REFUSE", "01, 01, FULL", "01, 03, FULL", "01, 02, REFUSE",
        "03, 00, REFUSE", "03, 01, FULL", "03, 03, FULL", "03, 02, REFUSE",
        "02, 00, NONE", "02, 01, REFUSE", "02, 03, REFUSE", "02, 02, NONE",
        "80, 00, LOGIN_ONLY", "80, 03, FULL", "80, 02, REFUSE",
        "81, 01, FULL", "81, 02, REFUSE", "83, 01, FULL", "82, 03, REFUSE", "82, 02, REFUSE",
        // replies outside 0..3 are invalid TDS for mssql-jdbc; unknown requests are not a spec client
        "00, 04, REFUSE", "00, 81, REFUSE", "01, 80, REFUSE", "04, 01, REFUSE",
    })
    void clientSideFollowsTheSpecTable(String sent, String reply, EncryptionOutcome outcome) {
        assertThat(EncryptionNegotiation.clientSide(EncryptionValue.of(Integer.parseInt(sent, 16)),
                EncryptionValue.of(Integer.parseInt(reply, 16)))).isEqualTo(outcome);
    }

    @Test
    void aSpecClientAgreesWithTheServerForEveryByteAndPolicy() {
        for (int raw = 0; raw < 256; raw++) {
            EncryptionValue client = EncryptionValue.of(raw);
            for (ServerEncryptionPolicy policy : ServerEncryptionPolicy.values()) {
                EncryptionDecision decision = EncryptionNegotiation.serverSide(client, policy);
                assertThat(decision.reply().raw()).as("reply to %s under %s", client, policy).isBetween(0, 3);
                assertThat(EncryptionNegotiation.clientSide(client, decision.reply()))
                        .as("client %s under %s", client, policy).isEqualTo(decision.outcome());
            }
        }
    }

    @Test
    void encryptionValueSplitsLevelAndCertificateBit() {
        EncryptionValue value = EncryptionValue.of(0x83);
        assertThat(value.level()).isEqualTo(EncryptionLevel.REQ);
        assertThat(value.clientCertificate()).isTrue();
        assertThat(value.withoutClientCertificate()).isEqualTo(EncryptionValue.REQ);
        assertThat(EncryptionValue.OFF.withClientCertificate().raw()).isEqualTo(0x80);
        assertThat(EncryptionValue.ON.clientCertificate()).isFalse();
        assertThat(EncryptionValue.of(0x04).level()).isEqualTo(EncryptionLevel.UNKNOWN);
        assertThat(EncryptionValue.of(0x84).toString()).isEqualTo("CLIENT_CERT|UNKNOWN(0x04)");
        assertThat(EncryptionValue.NOT_SUP.toString()).isEqualTo("NOT_SUP");
    }

    private static EncryptionValue named(String level) {
        return EncryptionValue.of(EncryptionLevel.valueOf(level).ordinal());
    }
}
