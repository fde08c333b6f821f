package io.tdsproxy.testkit.clients;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void parsesEveryKindOfValueExactly() {
        Object parsed = Json.parse(" {\"a\": [1, -2.5, 1.5e+300, 9223372036854775807], \"s\": \"q\\\"\\\\\\/\\n\\u00e9\\u2713\","
                + " \"t\": true, \"f\": false, \"n\": null, \"o\": {}, \"e\": []} ");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", List.of(new BigDecimal("1"), new BigDecimal("-2.5"), new BigDecimal("1.5e+300"),
                new BigDecimal("9223372036854775807")));
        expected.put("s", "q\"\\/\n\u00e9\u2713");
        expected.put("t", true);
        expected.put("f", false);
        expected.put("n", null);
        expected.put("o", Map.of());
        expected.put("e", List.of());
        assertThat(parsed).isEqualTo(expected);
    }

    @Test
    void writesWhatItParses() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "tab\t \"quoted\" back\\slash \u00e9");
        value.put("list", Arrays.asList(1, null, true, "x"));
        value.put("nested", Map.of("k", 2L));
        String written = Json.write(value);
        assertThat(written).isEqualTo("{\"text\":\"tab\\u0009 \\\"quoted\\\" back\\\\slash \u00e9\","
                + "\"list\":[1,null,true,\"x\"],\"nested\":{\"k\":2}}");
        assertThat(Json.write(Json.parse(written))).isEqualTo(written);
    }

    @Test
    void malformedTextNamesTheOffset() {
        for (String bad : new String[] {"", "{", "[1,", "{\"a\" 1}", "\"open", "tru", "[1] x", "{\"a\":-}", "\"\\x\""}) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at offset");
        }
    }
}
