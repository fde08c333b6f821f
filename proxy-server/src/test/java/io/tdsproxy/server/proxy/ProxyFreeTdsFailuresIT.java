package io.tdsproxy.server.proxy;

import io.tdsproxy.testkit.clients.FreeTdsConfig;
import io.tdsproxy.testkit.clients.FreeTdsConfig.Encryption;
import io.tdsproxy.testkit.clients.PymssqlClient;
import io.tdsproxy.testkit.clients.PymssqlRun;
import io.tdsproxy.testkit.clients.TsqlClient;
import io.tdsproxy.testkit.clients.TsqlRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the FreeTDS clients show when a connection through the proxy fails: a dead backend (the proxy's
 * own ERROR text, readable in both clients), a client that requires encryption from a proxy without
 * certificate, an untrusted certificate and a certificate for another host name. FreeTDS reports TLS
 * failures only as DB-Lib/libtds error 20002, so the reason is read from its TDSDUMP trace and from the
 * proxy's connection events.
 */
class ProxyFreeTdsFailuresIT extends EmbeddedBackendSupport {
    private static final String TLS_FAILED_TEXT = "Adaptive Server connection failed";

    @TempDir
    Path dir;
    private ProxyFixture proxy;

    private static int deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String dumpOf(TsqlRun run) throws Exception {
        return Files.readString(run.dump(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "tsql encryption={0}, backend down")
    @EnumSource(Encryption.class)
    void deadBackendShowsTheProxysErrorInTsql(Encryption encryption) throws Exception {
        int dead = deadPort();
        proxy = closer.register(ProxyFixture.tls(dead, pki, false));
        TsqlRun run = TsqlClient.create(FreeTdsConfig.of("127.0.0.1", proxy.port(), encryption).trusting(pki.caPem), dir)
                .login(Jdbc.USER, Jdbc.PASSWORD).run("SELECT 1");
        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        assertThat(run.messages()).as(run.describe())
                .contains("Msg 50001 (severity 20, state 1) from tdsproxy")
                .contains("tdsproxy could not use the backend 127.0.0.1:" + dead + ": cannot connect: Connection refused");
        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.outcome()).as(closed.toString()).isEqualTo(ConnectionOutcome.BACKEND_UNAVAILABLE);
    }

    @Test
    void deadBackendShowsTheProxysErrorInPymssql() throws Exception {
        int dead = deadPort();
        proxy = closer.register(ProxyFixture.tls(dead, pki, true));
        PymssqlRun run = PymssqlClient.create(FreeTdsConfig.of("127.0.0.1", proxy.port(), Encryption.REQUIRE)
                .trusting(pki.caPem), dir).login(Jdbc.USER, Jdbc.PASSWORD).rows("SELECT 1");
        assertThat(run.connected()).as(run.describe()).isFalse();
        assertThat(run.error()).as(run.describe()).hasValueSatisfying(e -> {
            assertThat(e.pythonClass()).isEqualTo("OperationalError");
            assertThat(e.number()).isEqualTo(50001);
            assertThat(e.message()).startsWith("tdsproxy could not use the backend 127.0.0.1:" + dead
                    + ": cannot connect: Connection refused");
        });
        assertThat(proxy.events.nextClosed().outcome()).isEqualTo(ConnectionOutcome.BACKEND_UNAVAILABLE);
    }

    /** FreeTDS gives up on a NOT_SUP reply to {@code require} before sending its LOGIN7 (login.c returns TDS_FAIL). */
    @Test
    void requireAgainstAProxyWithoutCertificateFailsInTheClient() throws Exception {
        proxy = closer.register(ProxyFixture.plaintext(backend.port()));
        FreeTdsConfig config = FreeTdsConfig.of("127.0.0.1", proxy.port(), Encryption.REQUIRE);
        TsqlRun run = TsqlClient.create(config, dir).login(Jdbc.USER, Jdbc.PASSWORD).run("SELECT 1");
        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        assertThat(run.messages()).as(run.describe()).contains("Error 20002 (severity 9):").contains(TLS_FAILED_TEXT);
        assertThat(run.records()).as(run.describe()).isEmpty();
        assertClientGaveUpBeforeLogin(ClientLegMode.PLAINTEXT, ConnectionOutcome.CLIENT_CLOSED);

        PymssqlRun py = PymssqlClient.create(config, dir).login(Jdbc.USER, Jdbc.PASSWORD).rows("SELECT 1");
        assertThat(py.error()).as(py.describe()).hasValueSatisfying(e -> {
            assertThat(e.number()).isEqualTo(20002);
            assertThat(e.message()).contains(TLS_FAILED_TEXT);
        });
        assertClientGaveUpBeforeLogin(ClientLegMode.PLAINTEXT, ConnectionOutcome.CLIENT_CLOSED);
    }

    @Test
    void certificateFromAnotherCaIsRejectedByGnuTls() throws Exception {
        proxy = closer.register(ProxyFixture.tls(backend.port(), pki, false));
        Path otherDir = Files.createDirectories(dir.resolve("other-ca"));
        TestPki other = new TestPki(otherDir);
        TsqlRun run = TsqlClient.create(FreeTdsConfig.of("127.0.0.1", proxy.port(), Encryption.REQUIRE)
                .trusting(other.caPem), dir).login(Jdbc.USER, Jdbc.PASSWORD).run("SELECT 1");
        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        assertThat(run.messages()).as(run.describe()).contains(TLS_FAILED_TEXT);
        assertThat(dumpOf(run)).as(run.describe()).contains("Certificate status:").contains("handshake failed");
        assertClientGaveUpBeforeLogin(ClientLegMode.FULL_TLS, ConnectionOutcome.TLS_FAILED);
    }

    @Test
    void certificateForAnotherHostNameIsRejectedOnlyWithTheHostNameCheck() throws Exception {
        Path otherDir = Files.createDirectories(dir.resolve("other-name"));
        TestPki elsewhere = new TestPki(otherDir, "db.example.org");
        proxy = closer.register(ProxyFixture.tls(backend.port(), elsewhere, false));
        FreeTdsConfig checked = FreeTdsConfig.of("127.0.0.1", proxy.port(), Encryption.REQUIRE).trusting(elsewhere.caPem);

        TsqlRun run = TsqlClient.create(checked, dir).login(Jdbc.USER, Jdbc.PASSWORD).run("SELECT 1");
        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        assertThat(run.messages()).as(run.describe()).contains(TLS_FAILED_TEXT);
        assertThat(dumpOf(run)).as(run.describe()).contains("handshake failed");
        assertClientGaveUpBeforeLogin(ClientLegMode.FULL_TLS, ConnectionOutcome.TLS_FAILED);

        FreeTdsConfig unchecked = new FreeTdsConfig("127.0.0.1", proxy.port(), Encryption.REQUIRE,
                Optional.of(elsewhere.caPem), false, false);
        TsqlRun accepted = TsqlClient.create(unchecked, dir).login(Jdbc.USER, Jdbc.PASSWORD).run("SELECT 1");
        assertThat(accepted.rows()).as(accepted.describe()).containsExactly(List.of("1"));
        assertThat(proxy.events.nextEstablished().mode()).isEqualTo(ClientLegMode.FULL_TLS);
    }

    private void assertClientGaveUpBeforeLogin(ClientLegMode mode, ConnectionOutcome outcome) throws InterruptedException {
        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.mode()).as(closed.toString()).isEqualTo(mode);
        assertThat(closed.outcome()).as(closed.toString()).isEqualTo(outcome);
        assertThat(closed.bytesToBackend()).as(closed.toString()).isZero();
        assertThat(proxy.events.anyEstablished()).isFalse();
    }
}
