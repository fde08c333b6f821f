package io.tdsproxy.server.proxy;

import io.tdsproxy.testkit.clients.FreeTdsConfig;
import io.tdsproxy.testkit.clients.FreeTdsConfig.Encryption;
import io.tdsproxy.testkit.clients.PymssqlClient;
import io.tdsproxy.testkit.clients.PymssqlRun;
import io.tdsproxy.testkit.clients.TsqlClient;
import io.tdsproxy.testkit.clients.TsqlRun;
import io.tdsproxy.tls.KeyType;
import io.tdsproxy.tls.TlsProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FreeTDS clients (tsql and pymssql on FreeTDS 1.3 with GnuTLS: a third TLS stack after JSSE and
 * Node's OpenSSL) through the proxy in front of the embedded backend, for each {@code encryption}
 * setting under {@code forceencryption} 0 and 1. The client validates the proxy's certificate against
 * the test CA with its host-name check on; the proxy's connection events say which client-leg mode it
 * chose (protocol.md 3.3).
 *
 * <p>{@code encryption = off} sends ENCRYPT_NOT_SUP; against {@code forceencryption = 1} the proxy
 * answers ENCRYPT_REQ as SQL Server does, and FreeTDS 1.3 then starts TLS anyway (its login.c only
 * skips TLS on a NOT_SUP reply), which the proxy accepts as full TLS instead of refusing the login.
 */
class ProxyFreeTdsIT extends EmbeddedBackendSupport {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyFreeTdsIT.class);
    private static final String QUERY = "SELECT 40 + 2 AS answer, N'caf\u00e9 \u2713' AS word";

    /** The same set-up with an EC P-256 server key (the CA stays RSA). */
    static TestPki ecPki;

    @TempDir
    Path dir;
    private ProxyFixture proxy;
    private FakeBackend fakeBackend;

    @BeforeAll
    static void createEcPki() throws Exception {
        ecPki = new TestPki(Files.createDirectories(pkiDir.resolve("ec")), KeyType.EC_P256, "localhost", "127.0.0.1");
    }

    private FreeTdsConfig validating(Encryption encryption) {
        return FreeTdsConfig.of("127.0.0.1", proxy.port(), encryption).trusting(pki.caPem);
    }

    private void assertMode(ClientLegMode mode) throws InterruptedException {
        ConnectionRecord record = proxy.events.nextEstablished();
        assertThat(record.mode()).as(record.toString()).isEqualTo(mode);
        if (mode == ClientLegMode.PLAINTEXT) {
            assertThat(record.tlsProtocol()).isEmpty();
        } else {
            assertThat(record.tlsProtocol()).as(record.toString()).contains("TLSv1.2");
        }
        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.outcome()).as(closed.toString()).isEqualTo(ConnectionOutcome.RELAYED);
    }

    @ParameterizedTest(name = "tsql encryption={0} forceencryption={1} -> {2}")
    @CsvSource({
        "OFF,     false, PLAINTEXT",
        "OFF,     true,  FULL_TLS",
        "REQUEST, false, LOGIN_ONLY",
        "REQUEST, true,  FULL_TLS",
        "REQUIRE, false, FULL_TLS",
        "REQUIRE, true,  FULL_TLS",
    })
    void tsqlGetsTheModeSqlServerWouldGive(Encryption encryption, boolean force, ClientLegMode mode) throws Exception {
        proxy = closer.register(ProxyFixture.tls(backend.port(), pki, force));
        TsqlRun run = TsqlClient.create(validating(encryption), dir).login(Jdbc.USER, Jdbc.PASSWORD).run(QUERY);
        assertThat(run.messages()).as(run.describe()).isEmpty();
        assertThat(run.header()).as(run.describe()).containsExactly("answer", "word");
        assertThat(run.rows()).as(run.describe()).containsExactly(List.of("42", "caf\u00e9 \u2713"));
        assertMode(mode);
    }

    @ParameterizedTest(name = "pymssql encryption={0} forceencryption={1} -> {2}")
    @CsvSource({
        "OFF,     false, PLAINTEXT",
        "OFF,     true,  FULL_TLS",
        "REQUEST, false, LOGIN_ONLY",
        "REQUEST, true,  FULL_TLS",
        "REQUIRE, false, FULL_TLS",
        "REQUIRE, true,  FULL_TLS",
    })
    void pymssqlGetsTheModeSqlServerWouldGive(Encryption encryption, boolean force, ClientLegMode mode) throws Exception {
        proxy = closer.register(ProxyFixture.tls(backend.port(), pki, force));
        PymssqlRun run = PymssqlClient.create(validating(encryption), dir).login(Jdbc.USER, Jdbc.PASSWORD).rows(QUERY);
        assertThat(run.error()).as(run.describe()).isEmpty();
        assertThat(run.single().rows()).as(run.describe()).containsExactly(
                List.of(new PymssqlRun.Value("int", "42"), new PymssqlRun.Value("str", "caf\u00e9 \u2713")));
        assertMode(mode);
    }

    @ParameterizedTest(name = "tsql encryption={0} against a proxy without certificate -> PLAINTEXT")
    @CsvSource({"OFF", "REQUEST"})
    void withoutCertificateTheProxyIsPlaintext(Encryption encryption) throws Exception {
        proxy = closer.register(ProxyFixture.plaintext(backend.port()));
        TsqlRun run = TsqlClient.create(FreeTdsConfig.of("127.0.0.1", proxy.port(), encryption), dir)
                .login(Jdbc.USER, Jdbc.PASSWORD).run(QUERY);
        assertThat(run.rows()).as(run.describe()).containsExactly(List.of("42", "caf\u00e9 \u2713"));
        assertMode(ClientLegMode.PLAINTEXT);
    }

    @ParameterizedTest(name = "tsql encryption={0} with an {1} certificate on the {2} provider")
    @CsvSource({
        "REQUEST, RSA_2048, OPENSSL", "REQUIRE, RSA_2048, OPENSSL",
        "REQUEST, EC_P256,  OPENSSL", "REQUIRE, EC_P256,  OPENSSL",
        "REQUEST, RSA_2048, JDK",     "REQUIRE, RSA_2048, JDK",
        "REQUEST, EC_P256,  JDK",     "REQUIRE, EC_P256,  JDK",
    })
    void gnuTlsValidatesRsaAndEcCertificatesFromEitherProvider(Encryption encryption, KeyType key, TlsProvider provider)
            throws Exception {
        TestPki keyed = key == KeyType.EC_P256 ? ecPki : pki;
        proxy = closer.register(ProxyFixture.tls(backend.port(), keyed, false, provider));
        TsqlRun run = TsqlClient.create(FreeTdsConfig.of("127.0.0.1", proxy.port(), encryption).trusting(keyed.caPem), dir)
                .login(Jdbc.USER, Jdbc.PASSWORD).run(QUERY);
        assertThat(run.rows()).as(run.describe()).containsExactly(List.of("42", "caf\u00e9 \u2713"));

        ConnectionRecord record = proxy.events.nextEstablished();
        assertThat(record.mode()).isEqualTo(encryption == Encryption.REQUEST ? ClientLegMode.LOGIN_ONLY : ClientLegMode.FULL_TLS);
        assertThat(record.tlsCipher()).as(record.toString()).hasValueSatisfying(cipher ->
                assertThat(cipher).contains(key == KeyType.EC_P256 ? "_ECDSA_" : "_RSA_"));
        assertThat(proxy.events.nextClosed().outcome()).isEqualTo(ConnectionOutcome.RELAYED);
    }

    /**
     * A result of 13,108 varbinary(8000) rows (just over 100 MiB) read by pymssql over a validated full-TLS
     * client leg and hashed in Python; the digest must equal the one of the bytes the backend sent.
     */
    @Test
    void hundredMegabytesArriveByteExactThroughFullTls() throws Exception {
        fakeBackend = closer.register(new FakeBackend());
        proxy = closer.register(ProxyFixture.tls(fakeBackend.port(), pki, true));
        int rows = 13_108;
        long start = System.nanoTime();
        PymssqlRun run = PymssqlClient.create(validating(Encryption.REQUIRE), dir).untraced()
                .login(Jdbc.USER, Jdbc.PASSWORD).summary("SELECT BIG " + rows);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(run.error()).as(run.describe()).isEmpty();
        PymssqlRun.Summary summary = run.single().summary().orElseThrow(() -> new AssertionError(run.describe()));
        assertThat(summary.rows()).isEqualTo(rows);
        FakeBackend.Capture capture = fakeBackend.nextConnection();
        assertThat(summary.sha256()).isEqualTo(capture.blobDigests.take());
        ConnectionRecord record = proxy.events.nextEstablished();
        assertThat(record.mode()).isEqualTo(ClientLegMode.FULL_TLS);
        LOG.info("pymssql read {} MiB through FULL_TLS in {} ms (client, proxy and backend on this machine)",
                (long) rows * FakeBackend.ROW_BYTES >> 20, millis);
    }
}
