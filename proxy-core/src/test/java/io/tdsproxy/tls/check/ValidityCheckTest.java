package io.tdsproxy.tls.check;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.tdsproxy.tls.check.TestCertificate.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class ValidityCheckTest {
    private final ValidityCheck check = new ValidityCheck();

    @Test
    void passesInsideTheValidityDates() {
        CheckRow row = check.run(Inputs.of(TestCertificate.builder("db").build()));
        assertThat(row.verdict()).isEqualTo(Verdict.PASS);
        assertThat(row.requirement()).isEqualTo(Requirement.VALIDITY);
        assertThat(row.detail()).contains("2027-03-01T12:00:00Z").contains("365 days left");
        assertThat(row.fix()).isEmpty();
    }

    @Test
    void failsWhenExpired() {
        TestCertificate expired = TestCertificate.builder("db")
                .validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(35))).build();
        CheckRow row = check.run(Inputs.of(expired));
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("expired on 2026-01-25T12:00:00Z");
        assertThat(row.fix()).contains("renew");
    }

    @Test
    void failsWhenNotYetValid() {
        TestCertificate future = TestCertificate.builder("db")
                .validity(NOW.plus(Duration.ofHours(2)), NOW.plus(Duration.ofDays(100))).build();
        CheckRow row = check.run(Inputs.of(future));
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("not valid until 2026-03-01T14:00:00Z");
        assertThat(row.fix()).contains("clock");
    }

    @Test
    void warnsWithinThirtyDaysOfExpiry() {
        TestCertificate soon = TestCertificate.builder("db")
                .validity(NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(12))).build();
        CheckRow row = check.run(Inputs.of(soon));
        assertThat(row.verdict()).isEqualTo(Verdict.WARN);
        assertThat(row.detail()).contains("expires in 12 days");
    }

    @Test
    void thirtyOneDaysLeftIsStillAPass() {
        TestCertificate ok = TestCertificate.builder("db")
                .validity(NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(31))).build();
        assertThat(check.run(Inputs.of(ok)).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void judgesIntermediatesToo() {
        TestCertificate root = TestCertificate.builder("Root").ca().build();
        TestCertificate expiredIntermediate = TestCertificate.builder("Intermediate").ca().issuer(root)
                .validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1))).build();
        TestCertificate leaf = TestCertificate.builder("db").issuer(expiredIntermediate).build();
        CheckRow row = check.run(Inputs.of(List.of(leaf.certificate(), expiredIntermediate.certificate(),
                root.certificate()), leaf.key(), "db"));
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("#2 (CN=Intermediate)").contains("expired");
    }
}
