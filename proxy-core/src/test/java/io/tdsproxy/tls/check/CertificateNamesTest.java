package io.tdsproxy.tls.check;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateNamesTest {
    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
            "db.example.com, db.example.com, true",
            "DB.Example.COM, db.example.com, true",
            "db.example.com., db.example.com, true",
            "db.example.com, db.example.com., true",
            "other.example.com, db.example.com, false",
            "db.example.com, *.example.com, true",
            "DB.EXAMPLE.COM, *.Example.Com, true",
            "a.b.example.com, *.example.com, false",
            "example.com, *.example.com, false",
            ".example.com, *.example.com, false",
            "dbx.example.com, db*.example.com, false",
            "db.example.com, *db.example.com, false",
            "db.example.com, d*.example.com, false",
            "db.a.example.com, db.*.example.com, false",
            "example.com, *.com, false",
            "db.example.com, *.*.com, false",
            "db.example.com, *, false",
            "10.0.0.5, *.0.0.5, false",
    })
    void wildcardRules(String host, String pattern, boolean expected) {
        assertThat(CertificateNames.matches(host, pattern)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({
            "a.b.example.com, *.example.com, covers exactly one label",
            "example.com, *.example.com, does not cover the bare domain",
            "dbx.example.com, db*.example.com, partial-label wildcard",
            "example.com, *.com, directly below a top-level domain",
    })
    void nearMissesSayWhichRuleApplies(String host, String pattern, String reason) {
        assertThat(CertificateNames.nearMiss(host, pattern)).contains(reason);
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({
            "db.example.com, *.other.com",
            "db.example.com, db.example.com",
            "db.example.com, *.example.com",
            "db.example.com, x*.example.com",
    })
    void noNearMissForUnrelatedOrMatchingNames(String host, String pattern) {
        assertThat(CertificateNames.nearMiss(host, pattern)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"10.0.0.5, true", "::1, true", "fe80::1%eth0, true", "[2001:db8::1], true", "db.example.com, false",
            "10.0.0.5.example.com, false", "1000, false"})
    void recognisesIpLiterals(String host, boolean literal) {
        assertThat(CertificateNames.isIpLiteral(host)).isEqualTo(literal);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"::1, 0:0:0:0:0:0:0:1, true", "[::1], 0:0:0:0:0:0:0:1, true", "10.0.0.5, 10.0.0.5, true",
            "10.0.0.5, 10.0.0.6, false"})
    void comparesAddressesNotStrings(String literal, String san, boolean same) {
        assertThat(CertificateNames.sameAddress(literal, san)).isEqualTo(same);
    }
}
