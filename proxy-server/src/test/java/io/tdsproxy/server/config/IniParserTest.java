package io.tdsproxy.server.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IniParserTest {

    @Test
    void readsSectionsKeysAndLinesLikeConfigparser() throws ConfigException {
        String text = "\uFEFF# comment\n"
                + "[network]\r\n"
                + "  tcpport = 1500  \n"
                + "; another comment\n"
                + "tlscert: /etc/ssl/a.pem\n"
                + "\n"
                + "[Backend]\n"
                + "host=db.example=x\n";
        IniDocument doc = IniParser.parse("t.conf", text);

        assertThat(doc.sections()).extracting(IniSection::name).containsExactly("network", "Backend");
        IniSection network = doc.section("NETWORK").orElseThrow();
        assertThat(network.location()).isEqualTo(new Location("t.conf", 2));
        assertThat(network.entry("TcpPort").orElseThrow().value()).isEqualTo("1500");
        assertThat(network.entry("tcpport").orElseThrow().location().toString()).isEqualTo("t.conf:3");
        assertThat(network.entry("tlscert").orElseThrow().value()).isEqualTo("/etc/ssl/a.pem");
        // Split at the first delimiter only; the rest belongs to the value.
        assertThat(doc.section("backend").orElseThrow().entry("host").orElseThrow().value()).isEqualTo("db.example=x");
    }

    @Test
    void noInlineCommentsAsInConfigparser() throws ConfigException {
        IniDocument doc = IniParser.parse("t.conf", "[network]\ntcpport = 1433 # default\n");
        assertThat(doc.section("network").orElseThrow().entry("tcpport").orElseThrow().value()).isEqualTo("1433 # default");
    }

    @Test
    void ipv6ValueSurvivesTheColonDelimiter() throws ConfigException {
        IniDocument doc = IniParser.parse("t.conf", "[network]\nipaddress = ::1\n");
        assertThat(doc.section("network").orElseThrow().entry("ipaddress").orElseThrow().value()).isEqualTo("::1");
    }

    @Test
    void reportsEverySyntaxProblemWithItsLine() {
        String text = "orphan = 1\n"
                + "[network]\n"
                + "just words\n"
                + "= novalue\n"
                + "tcpport = 1\n"
                + "TCPPORT = 2\n"
                + "[broken\n"
                + "[network]\n";
        assertThatThrownBy(() -> IniParser.parse("bad.conf", text))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "bad.conf:1: key 'orphan' appears before any [section] header",
                        "bad.conf:3: expected '[section]' or 'key = value', found a line without '=' or ':'",
                        "bad.conf:4: a key is missing before '='",
                        "bad.conf:6: [network] TCPPORT is already set at line 5; keep only one",
                        "bad.conf:7: expected a section header '[name]', found '[broken'",
                        "bad.conf:8: section [network] repeats the one at line 2; put all its keys in one section"));
    }

    @Test
    void entryToStringHidesTheValue() throws ConfigException {
        IniEntry entry = IniParser.parse("t.conf", "[network]\ntlskeypassword = s3cret\n")
                .section("network").orElseThrow().entries().get(0);
        assertThat(entry.toString()).doesNotContain("s3cret").contains("tlskeypassword", "t.conf:2");
    }
}
