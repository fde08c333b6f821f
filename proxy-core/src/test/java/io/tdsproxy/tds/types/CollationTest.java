package io.tdsproxy.tds.types;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static io.tdsproxy.tds.types.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

/** COLLATION (MS-TDS 2.2.5.1.2) bit fields and code pages. */
class CollationTest {

    @Test
    void defaultIsSqlLatin1GeneralCp1CiAs() {
        assertThat(hex(TestBytes.encode(Collation.DEFAULT::encode))).isEqualTo("0904d00034");
        assertThat(Collation.DEFAULT.lcid()).isEqualTo(0x0409);
        assertThat(Collation.DEFAULT.flags()).isEqualTo(0x0D);
        assertThat(Collation.DEFAULT.version()).isZero();
        assertThat(Collation.DEFAULT.sortId()).isEqualTo(52);
        assertThat(Collation.DEFAULT.charset()).isEqualTo(Charset.forName("windows-1252"));
        assertThat(Collation.of(hex("0904d00034"))).isEqualTo(Collation.DEFAULT);
        assertThat(hex(Collation.DEFAULT.toBytes())).isEqualTo("0904d00034");
    }

    @Test
    void realServerCollationFromThePytdsCapture() {
        // e3 08 00 07 05 09 04 00 01 00 00: Latin1_General_CI_AS-style Windows collation, sort id 0, version 0.
        Collation c = TestBytes.decodeAll(hex("0904000100"), Collation::decode);
        assertThat(c.lcid()).isEqualTo(0x0409);
        assertThat(c.flags()).isEqualTo(0x10);
        assertThat(c.sortId()).isZero();
        assertThat(c.charset()).isEqualTo(Charset.forName("windows-1252"));
    }

    @Test
    void codePagesFollowSortIdThenLanguage() {
        assertThat(new Collation(0x00D00419, 0).charset()).isEqualTo(Charset.forName("windows-1251"));
        assertThat(new Collation(0x00D00411, 0).charset()).isEqualTo(Charset.forName("windows-31j"));
        assertThat(new Collation(0x00D00409, 106).charset()).isEqualTo(Charset.forName("windows-1251"));
        assertThat(new Collation(0x04D00409, 0).charset()).isEqualTo(StandardCharsets.UTF_8);
    }
}
