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

/** The edges of {@link SettingsLoader}: SQL Server's full mssql.conf, near-miss sections, overrides. */
class SettingsCompatibilityTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("mssql.conf"), text);
    }

    @Test
    void theDocumentedMssqlConfSampleWithKerberosAndRpcPortIsAccepted() throws Exception {
        Files.writeString(dir.resolve("mssql.pem"), "cert");
        Files.writeString(dir.resolve("mssql.key"), "key");
        // SQL Server 2019's sample mssql.conf from the mssql-conf documentation, paths made local.
        String conf = "[EULA]\naccepteula = Y\naccepteulaml = Y\n\n[coredump]\ncaptureminiandfull = true\n"
                + "coredumptype = full\n\n[distributedtransaction]\nservertcpport = 51999\n\n[filelocation]\n"
                + "defaultbackupdir = /var/opt/mssql/data/\n\n[hadr]\nhadrenabled = 0\n\n[language]\nlcid = 1033\n\n"
                + "[memory]\nmemorylimitmb = 4096\n\n[network]\nforceencryption = 0\nipaddress = 10.192.0.0\n"
                + "kerberoskeytabfile = /var/opt/mssql/secrets/mssql.keytab\nprivilegedadaccount = sqlsvc\n"
                + "rpcport = 13500\ntcpport = 1401\ntlscert = mssql.pem\n"
                + "tlsciphers = ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256\ntlskey = mssql.key\n"
                + "tlsprotocols = 1.2,1.1,1.0\n\n[sqlagent]\ndatabasemailprofile = default\nerrorlogginglevel = 7\n\n"
                + "[telemetry]\ncustomerfeedback = true\n\n[traceflag]\ntraceflag0 = 1204\ntraceflag = 3456\n";
        Settings s = SettingsLoader.load(file(conf), Map.of("TDSPROXY_BACKEND_HOST", "10.0.0.5"), List.of());

        assertThat(s.proxy().network().tcpPort()).isEqualTo(1401);
        assertThat(s.proxy().network().ipAddress()).isEqualTo("10.192.0.0");
        assertThat(s.proxy().network().tls()).isPresent();
        assertThat(s.proxy().backend().host()).isEqualTo("10.0.0.5");
        assertThat(s.proxy().origin("backend.host")).hasValue(Location.of("environment TDSPROXY_BACKEND_HOST"));
    }

    @Test
    void aFileSectionOneTypoFromAnOwnedOneIsAnErrorNotIgnored() throws Exception {
        Path file = file("[backend]\nhost = db\n[netwrok]\ntcpport = 1533\n[sqlagent]\nenabled = 1\n");
        assertThatThrownBy(() -> SettingsLoader.load(file, Map.of(), List.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        file + ":3: [netwrok] is not a section tdsproxy reads; expected one of admin, backend, network, "
                                + "proxy; did you mean network?"));
    }

    @Test
    void anUnknownKeyFromTheEnvironmentGetsItsOriginAndASuggestion() throws Exception {
        Path file = file("[backend]\nhost = db\n");
        assertThatThrownBy(() -> SettingsLoader.load(file, Map.of("TDSPROXY_PROXY_DRAINTIMOUT", "5s"), List.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("environment TDSPROXY_PROXY_DRAINTIMOUT: [proxy] draintimout is not a known key")
                        .endsWith("did you mean draintimeout?"));
    }

    @Test
    void aMalformedSetNeverEchoesAPassword() throws Exception {
        Path file = file("[backend]\nhost = db\n");
        assertThatThrownBy(() -> SettingsLoader.load(file, Map.of(), List.of("tlskeypassword=hunter2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--set tlskeypassword=****: expected section.key=value")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void offAndZeroSwitchTimeoutsOffAndTheLastOverrideWins() throws Exception {
        Settings s = SettingsLoader.load(file("[backend]\nhost = db\n[proxy]\nidletimeout = 5m\ndraintimeout = 0\n"),
                Map.of("TDSPROXY_PROXY_IDLETIMEOUT", "1h"), List.of("proxy.idletimeout=OFF", "admin.port=0"));

        assertThat(s.tuning().idleTimeoutEnabled()).isFalse();
        assertThat(s.tuning().drainTimeout()).isZero();
        assertThat(s.admin().port()).isZero();
        assertThat(s.proxy().origin("proxy.idletimeout")).hasValue(Location.of("--set proxy.idletimeout"));
    }

    @Test
    void durationsReadUnitsAndBareSeconds() {
        assertThat(Durations.parse("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("600")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThatThrownBy(() -> Durations.parse("1.5s")).hasMessage("not a duration");
        assertThatThrownBy(() -> Durations.parse("-1s")).hasMessage("not a duration");
        assertThatThrownBy(() -> Durations.parsePositive("0ms")).hasMessage("must be more than 0");
    }
}
