package io.tdsproxy.server.config;

import io.tdsproxy.tls.Secret;
import io.tdsproxy.tls.TlsProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    @TempDir
    Path dir;
    private Path cert;
    private Path key;

    private ConfigFile conf;

    @BeforeEach
    void files() throws IOException {
        conf = new ConfigFile(dir);
        cert = Files.writeString(dir.resolve("server.pem"), "cert");
        key = Files.writeString(dir.resolve("server.key"), "key");
    }

    @Test
    void defaultsAreThoseOfSqlServerOnLinux() throws Exception {
        ProxyConfig config = conf.load("[backend]\nhost = db\n");

        assertThat(config.network()).isEqualTo(new NetworkConfig("0.0.0.0", 1433, false, java.util.Optional.empty()));
        assertThat(config.backend()).isEqualTo(new BackendConfig("db", 1433));
        assertThat(config.backend().address()).isEqualTo("db:1433");
    }

    @Test
    void readsEveryNetworkKey() throws Exception {
        Files.writeString(dir.resolve("pass.txt"), "p4ss\nignored second line\n");
        ProxyConfig config = conf.load("[network]\n"
                + "ipaddress = 127.0.0.1\n"
                + "tcpport = 14330\n"
                + "forceencryption = 1\n"
                + "tlscert = server.pem\n"
                + "tlskey = " + key + "\n"
                + "tlskeypasswordfile = pass.txt\n"
                + "tlsprotocols = 1.2,1.1\n"
                + "tlsciphers = ECDHE-RSA-AES128-GCM-SHA256\n"
                + "tlsprovider = jdk\n"
                + "[backend]\nhost = ::1\nport = 1434\n");

        NetworkConfig network = config.network();
        assertThat(network.ipAddress()).isEqualTo("127.0.0.1");
        assertThat(network.tcpPort()).isEqualTo(14330);
        assertThat(network.forceEncryption()).isTrue();
        TlsConfig tls = network.tls().orElseThrow();
        assertThat(tls.certificate()).isEqualTo(cert.toAbsolutePath());
        assertThat(tls.privateKey()).isEqualTo(key);
        assertThat(new String(tls.keyPassword().chars())).isEqualTo("p4ss");
        assertThat(tls.protocols()).containsExactly("TLSv1.1", "TLSv1.2");
        assertThat(tls.ciphers()).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        assertThat(tls.provider()).isEqualTo(TlsProvider.JDK);
        assertThat(config.backend().address()).isEqualTo("[::1]:1434");
        assertThat(config.describe("network.tlscert")).isEqualTo(conf.at(5) + "[network] tlscert");
        assertThat(config.describe("network.tlsciphers")).isEqualTo(conf.at(9) + "[network] tlsciphers");
    }

    @Test
    void tlsDefaultsAndMaskedPassword() throws Exception {
        TlsConfig tls = conf.load("[network]\ntlscert = server.pem\ntlskey = server.key\ntlskeypassword = s3cret\n"
                + "[backend]\nhost = db\n").network().tls().orElseThrow();

        assertThat(tls.protocols()).containsExactly("TLSv1.2");
        assertThat(tls.provider()).isEqualTo(TlsProvider.OPENSSL);
        assertThat(tls.ciphers()).isNull();
        assertThat(tls.toString()).doesNotContain("s3cret");
    }

    @Test
    void sectionsTheProxyDoesNotOwnAreIgnored() throws Exception {
        ProxyConfig config = conf.load("[sqlagent]\nenabled = true\n[memory]\nmemorylimitmb = 2048\nwhatever = x\n"
                + "[backend]\nhost = db\n");
        assertThat(config.backend().host()).isEqualTo("db");
    }

    @Test
    void unknownKeysInOwnedSectionsAreErrors() {
        assertThat(conf.problems("[network]\ntcpprot = 1\n[backend]\nhost = db\nuser = sa\n")).containsExactly(
                conf.at(2) + "[network] tcpprot is not a known key; expected one of forceencryption, forcestrict, ipaddress, "
                        + "tcpport, tlscert, tlsciphers, tlskey, tlskeypassword, tlskeypasswordfile, tlsprotocols, tlsprovider; "
                        + "did you mean tcpport?",
                conf.at(5) + "[backend] user is not a known key; expected one of cafile, encrypt, host, hostnameincertificate, "
                        + "port, tlsprotocols, trustservercertificate");
    }

    @Test
    void badValuesNameLineKeyAndExpectation() {
        List<String> problems = conf.problems("[network]\n"
                + "tcpport = 70000\n"
                + "ipaddress = localhost\n"
                + "forceencryption = yes\n"
                + "[backend]\n"
                + "host = db\n"
                + "port = 0\n");
        assertThat(problems).containsExactly(
                conf.at(3) + "[network] ipaddress = 'localhost' is not valid; expected an IPv4 or IPv6 address such as "
                        + "0.0.0.0 or :: (not an IP address)",
                conf.at(2) + "[network] tcpport = '70000' is not valid; expected a TCP port 1..65535 (0: any free port) "
                        + "(out of range)",
                conf.at(4) + "[network] forceencryption = 'yes' is not valid; expected 0 or 1 (not 0 or 1)",
                conf.at(7) + "[backend] port = '0' is not valid; expected a TCP port 1..65535 (out of range)");
    }

    @Test
    void badTlsValues() {
        List<String> problems = conf.problems("[network]\ntlscert = server.pem\ntlskey = missing.key\n"
                + "tlsprotocols = 1.2, 1.4\ntlsprovider = gnutls\n[backend]\nhost = db\n");
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith(conf.at(3) + "[network] tlskey = 'missing.key' is not valid; expected a "
                + "readable private key file (PEM) (").contains("missing.key does not exist");
        assertThat(problems.get(1)).startsWith(conf.at(4) + "[network] tlsprotocols = '1.2, 1.4' is not valid; expected a "
                + "comma-separated list of 1.0, 1.1, 1.2, 1.3 (").contains("'1.4'");
        assertThat(problems.get(2)).startsWith(conf.at(5) + "[network] tlsprovider = 'gnutls' is not valid; expected "
                + "openssl or jdk");
    }

    @Test
    void certificateRulesOfSqlServerOnLinux() {
        assertThat(conf.problems("[network]\nforceencryption = 1\n[backend]\nhost = db\n")).containsExactly(
                conf.at(2) + "[network] forceencryption = 1 needs a certificate; expected tlscert and tlskey in [network] "
                        + "as well");
        assertThat(conf.problems("[network]\ntlscert = server.pem\n[backend]\nhost = db\n")).containsExactly(
                conf.at(2) + "[network] tlscert is set alone; expected both tlscert and tlskey, as SQL Server on Linux "
                        + "requires");
        assertThat(conf.problems("[network]\ntlsprotocols = 1.2\n[backend]\nhost = db\n")).containsExactly(
                conf.at(2) + "[network] tlsprotocols has no effect without a certificate; expected tlscert and tlskey too");
        assertThat(conf.problems("[network]\ntlscert = server.pem\ntlskey = server.key\ntlskeypassword = a\n"
                + "tlskeypasswordfile = server.key\n[backend]\nhost = db\n")).containsExactly(
                conf.at(5) + "[network] tlskeypasswordfile conflicts with tlskeypassword at line 4; expected only one of them");
    }

    @Test
    void backendIsRequired() {
        String file = dir.resolve("tdsproxy.conf").toString();
        assertThat(conf.problems("[network]\ntcpport = 1\n")).containsExactly(
                file + ": [backend] section is missing; expected [backend] with host = <SQL Server host>");
        assertThat(conf.problems("[backend]\nport = 1\n")).containsExactly(
                conf.at(1) + "[backend] has no host; expected host = <SQL Server host>");
        assertThat(conf.problems("[backend]\nhost =\n")).containsExactly(
                conf.at(2) + "[backend] host is empty; expected a host name or IP address");
    }

    @Test
    void unreadableFileIsAConfigError() {
        Path missing = dir.resolve("nope.conf");
        assertThatThrownBy(() -> ConfigLoader.load(missing)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(missing + ": cannot read the configuration file");
    }

    @Test
    void shippedExampleLoads() throws Exception {
        Path shipped = Path.of(System.getProperty("tdsproxy.repo", "."), "config", "tdsproxy.conf");
        ProxyConfig config = ConfigLoader.load(shipped);
        assertThat(config.network().tcpPort()).isEqualTo(1433);
        assertThat(config.network().tls()).isEmpty();
        assertThat(config.backend().host()).isEqualTo("127.0.0.1");
    }

    @Test
    void recordsValidateProgrammaticUse() {
        assertThatThrownBy(() -> new NetworkConfig("0.0.0.0", 1433, true, java.util.Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackendConfig(" ", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TlsConfig(cert, key, Secret.of("x"), List.of(), null, TlsProvider.JDK))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
