package io.tdsproxy.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsLoaderTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("tdsproxy.conf"), text);
    }

    private List<String> problems(String text, Map<String, String> env, List<String> sets) throws IOException {
        Path file = file(text);
        try {
            SettingsLoader.load(file, env, sets);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected a ConfigException for:\n" + text);
    }

    @Test
    void defaultsOfTheOperationalSections() throws Exception {
        Settings s = SettingsLoader.load(file("[backend]\nhost = db\n"), Map.of(), List.of());

        assertThat(s.tuning()).isEqualTo(ProxyTuning.DEFAULTS);
        assertThat(s.tuning().drainTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.tuning().handshakeTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.tuning().idleTimeoutEnabled()).isFalse();
        assertThat(s.admin()).isEqualTo(new AdminConfig(true, "127.0.0.1", 9187));
    }

    @Test
    void proxyAndAdminKeysAreRead() throws Exception {
        Settings s = SettingsLoader.load(file("[backend]\nhost = db\n[proxy]\ndraintimeout = 2m\nmaxconnections = 50\n"
                + "handshaketimeout = 1500ms\nidletimeout = 600\nmaxpreloginsize = 8192\nmaxlogin7size = 4096\n"
                + "lowwatermark = 32768\nhighwatermark = 65536\n[admin]\nenabled = 0\nipaddress = ::1\nport = 9999\n"),
                Map.of(), List.of());

        assertThat(s.tuning()).isEqualTo(new ProxyTuning(Duration.ofMinutes(2), 50, Duration.ofMillis(1500),
                Duration.ofMinutes(10), 8192, 4096, 32768, 65536));
        assertThat(s.admin()).isEqualTo(new AdminConfig(false, "::1", 9999));
    }

    @Test
    void aTypoNamesTheLineTheKeyAndTheLikelyKey() throws Exception {
        List<String> problems = problems("[backend]\nhost = db\n[proxy]\nmaxconections = 5\n[network]\ntlscret = x\n",
                Map.of(), List.of());

        String at = dir.resolve("tdsproxy.conf") + ":";
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(at + "4: [proxy] maxconections is not a known key")
                .endsWith("did you mean maxconnections?"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(at + "6: [network] tlscret is not a known key")
                .endsWith("did you mean tlscert?"));
    }

    @Test
    void badValuesSayWhatWasExpected() throws Exception {
        List<String> problems = problems("[backend]\nhost = db\n[proxy]\ndraintimeout = soon\nhandshaketimeout = 0\n"
                + "lowwatermark = 90000\nhighwatermark = 80000\n[admin]\nenabled = yes\n", Map.of(), List.of());

        String at = dir.resolve("tdsproxy.conf") + ":";
        assertThat(problems).containsExactlyInAnyOrder(
                at + "4: [proxy] draintimeout = 'soon' is not valid; expected " + Durations.EXPECTED + ", or off (not a duration)",
                at + "5: [proxy] handshaketimeout = '0' is not valid; expected " + Durations.EXPECTED + " (must be more than 0)",
                at + "7: [proxy] highwatermark gives highwatermark 80000 below lowwatermark 90000; "
                        + "expected lowwatermark <= highwatermark",
                at + "9: [admin] enabled = 'yes' is not valid; expected 0 or 1 (not 0 or 1)");
    }

    @Test
    void environmentOverridesTheFileAndSetOverridesTheEnvironment() throws Exception {
        Settings s = SettingsLoader.load(file("[network]\ntcpport = 1433\n[backend]\nhost = db\n[proxy]\nmaxconnections = 5\n"),
                Map.of("TDSPROXY_NETWORK_TCPPORT", "1533", "TDSPROXY_PROXY_MAXCONNECTIONS", "7", "TDSPROXY_OPTS", "-x",
                        "PATH", "/bin"),
                List.of("proxy.maxconnections=9", "admin.port = 9200"));

        assertThat(s.proxy().network().tcpPort()).isEqualTo(1533);
        assertThat(s.tuning().maxConnections()).isEqualTo(9);
        assertThat(s.admin().port()).isEqualTo(9200);
        assertThat(s.proxy().origin("network.tcpport")).hasValue(new Location("environment TDSPROXY_NETWORK_TCPPORT", 0));
    }

    @Test
    void badOverridesNameTheirOrigin() throws Exception {
        List<String> problems = problems("[backend]\nhost = db\n",
                Map.of("TDSPROXY_NETWROK_TCPPORT", "1533", "TDSPROXY_NETWORK_TCPPORT", "x"),
                List.of("proxy.idletimeout=forever", "nodot=1"));

        assertThat(problems).containsExactlyInAnyOrder(
                "environment TDSPROXY_NETWROK_TCPPORT: [netwrok] is not a section tdsproxy reads; expected one of "
                        + "admin, backend, network, proxy; did you mean network?",
                "environment TDSPROXY_NETWORK_TCPPORT: [network] tcpport = 'x' is not valid; expected a TCP port 1..65535 "
                        + "(0: any free port)",
                "--set proxy.idletimeout: [proxy] idletimeout = 'forever' is not valid; expected " + Durations.EXPECTED
                        + ", or off (not a duration)",
                "--set nodot=1: expected section.key=value, for example network.tcpport=1533");
    }

    @Test
    void sqlServersOwnMssqlConfIsAcceptedAndItsOtherSectionsIgnored() throws Exception {
        Path cert = Files.writeString(dir.resolve("mssql.pem"), "cert");
        Files.writeString(dir.resolve("mssql.key"), "key");
        // As mssql-conf writes it on a Linux host, plus the proxy's own sections.
        String mssqlConf = "[EULA]\naccepteula = Y\n\n[sqlagent]\nenabled = true\n\n[memory]\nmemorylimitmb = 4096\n\n"
                + "[filelocation]\ndefaultdatadir = /var/opt/mssql/data\ndefaultlogdir = /var/opt/mssql/log\n\n"
                + "[language]\nlcid = 1033\n\n[telemetry]\ncustomerfeedback = false\n\n"
                + "[network]\ntlscert = " + cert + "\ntlskey = mssql.key\ntlsprotocols = 1.2\nforceencryption = 1\n\n"
                + "[traceflag]\ntraceflag0 = 3604\n\n[backend]\nhost = 127.0.0.1\nport = 14330\n";
        Settings s = SettingsLoader.load(Files.writeString(dir.resolve("mssql.conf"), mssqlConf), Map.of(), List.of());

        assertThat(s.proxy().network().forceEncryption()).isTrue();
        assertThat(s.proxy().network().tls()).hasValueSatisfying(t -> {
            assertThat(t.certificate()).isEqualTo(cert);
            assertThat(t.privateKey()).isEqualTo(dir.resolve("mssql.key"));
        });
        assertThat(s.proxy().backend().port()).isEqualTo(14330);
    }

    @Test
    void overridesCannotSmuggleAKeyIntoAnUnknownSection() {
        assertThatThrownBy(() -> SettingsLoader.load(file("[backend]\nhost = db\n"), Map.of(),
                List.of("sqlagent.enabled=1"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--set sqlagent.enabled: [sqlagent] is not a section tdsproxy reads");
    }

    @Test
    void didYouMeanOnlySuggestsCloseKeys() {
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.closest("tlsprotocol", List.of("tlsprotocols", "tlsciphers"))).hasValue("tlsprotocols");
        assertThat(DidYouMean.closest("colour", List.of("tlsprotocols", "tlsciphers"))).isEmpty();
        assertThat(DidYouMean.closest("prt", List.of("port", "host"))).hasValue("port");
    }
}
