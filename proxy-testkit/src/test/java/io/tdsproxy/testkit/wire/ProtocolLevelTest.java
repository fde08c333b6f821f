package io.tdsproxy.testkit.wire;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ProtocolLevelTest {

    @ParameterizedTest
    @CsvSource({"0x74000004, V7_4", "0x08000000, V7_4", "0x7FFFFFFF, V7_4", "0x730B0003, V7_3B",
            "0x730A0003, V7_3A", "0x72090002, V7_2", "0x71000001, V7_1", "0x71000000, V7_1", "0x70000000, V7_0",
            "0x00000001, V7_4"})
    void clientVersionMapsToTheHighestKnownLevelNotAboveIt(String version, ProtocolLevel expected) {
        assertThat(ProtocolLevel.fromLogin(Long.decode(version))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"V7_1, false, false", "V7_2, true, false", "V7_3A, true, true", "V7_4, true, true"})
    void layoutsFollowTheVersion(ProtocolLevel level, boolean at72, boolean dates) {
        assertThat(level.atLeast72()).isEqualTo(at72);
        assertThat(level.hasDateTimeTypes()).isEqualTo(dates);
    }
}
