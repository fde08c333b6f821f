package io.tdsproxy.tls.check;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HostNameCheckTest {
    private final HostNameCheck check = new HostNameCheck();

    private CheckRow run(TestCertificate.Builder builder, String host) {
        return check.run(Inputs.of(builder.build(), host));
    }

    @Test
    void passesWhenTheCnMatchesAndThereIsNoSan() {
        CheckRow row = run(TestCertificate.builder("db.example.test"), "DB.example.test");
        assertThat(row.verdict()).isEqualTo(Verdict.PASS);
        assertThat(row.detail()).contains("CN=db.example.test (no DNS SAN) covers DB.example.test");
    }

    @Test
    void passesOnADnsSan() {
        CheckRow row = run(TestCertificate.builder("db").dns("db", "db.example.test"), "db.example.test");
        assertThat(row.verdict()).isEqualTo(Verdict.PASS);
        assertThat(row.detail()).contains("DNS:db.example.test");
    }

    @Test
    void failsForTheWrongHostAndListsWhatIsCovered() {
        CheckRow row = run(TestCertificate.builder("db.example.test").dns("db.example.test", "db"), "other.example.test");
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("other.example.test is not covered").contains("target principal name is incorrect")
                .contains("DNS:db.example.test, DNS:db");
        assertThat(row.fix()).contains("--cn other.example.test");
    }

    @Test
    void sanTakesPrecedenceOverTheCn() {
        CheckRow row = run(TestCertificate.builder("db.example.test").dns("other.example.test"), "db.example.test");
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("CN=db.example.test would match, but clients ignore the CN when DNS SANs are present");
    }

    @Test
    void wildcardCoversOneLeftMostLabel() {
        assertThat(run(TestCertificate.builder("*.example.test"), "db.example.test").verdict()).isEqualTo(Verdict.PASS);
        assertThat(run(TestCertificate.builder("x").dns("*.example.test"), "db.example.test").verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void wildcardDoesNotCoverTwoLabels() {
        CheckRow row = run(TestCertificate.builder("x").dns("*.example.test"), "a.db.example.test");
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("*.example.test covers exactly one label, not a.db.example.test");
    }

    @Test
    void wildcardDoesNotCoverTheBareDomain() {
        CheckRow row = run(TestCertificate.builder("*.example.test"), "example.test");
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("does not cover the bare domain example.test");
    }

    @Test
    void partialLabelWildcardIsRefused() {
        CheckRow row = run(TestCertificate.builder("x").dns("db*.example.test"), "db1.example.test");
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("partial-label wildcard");
    }

    @Test
    void ipLiteralMatchesAnIpSan() {
        CheckRow row = run(TestCertificate.builder("db").dns("db").ip("10.1.2.3", "::1"), "::1");
        assertThat(row.verdict()).isEqualTo(Verdict.PASS);
        assertThat(row.detail()).contains("IP:0:0:0:0:0:0:0:1 covers ::1");
    }

    @Test
    void ipLiteralOnlyInTheCnWarns() {
        CheckRow row = run(TestCertificate.builder("10.1.2.3"), "10.1.2.3");
        assertThat(row.verdict()).isEqualTo(Verdict.WARN);
        assertThat(row.detail()).contains("not as an IP SAN");
        assertThat(row.fix()).contains("--san 10.1.2.3");
    }

    @Test
    void ipLiteralWithoutAnyMatchFails() {
        CheckRow row = run(TestCertificate.builder("db").ip("10.1.2.3"), "10.1.2.4");
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("IP:10.1.2.3");
    }

    @Test
    void withoutAHostItWarnsAndSaysWhichNamesAreCovered() {
        CheckRow row = run(TestCertificate.builder("db.example.test").dns("db.example.test", "db").ip("10.1.2.3"), null);
        assertThat(row.verdict()).isEqualTo(Verdict.WARN);
        assertThat(row.detail()).contains("DNS:db.example.test, DNS:db, IP:10.1.2.3");
        assertThat(row.fix()).contains("--host");
    }

    @Test
    void aBlankHostCountsAsNone() {
        assertThat(run(TestCertificate.builder("db"), "  ").verdict()).isEqualTo(Verdict.WARN);
    }
}
