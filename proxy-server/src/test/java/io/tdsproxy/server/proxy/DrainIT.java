package io.tdsproxy.server.proxy;

import io.tdsproxy.server.config.ProxyTuning;
import io.tdsproxy.testkit.EmbeddedTdsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ProxyServer#drain}: with real sockets, mssql-jdbc and the embedded backend, a query in flight
 * when the drain starts finishes, a new connect is refused, and what outlives the drain timeout is cut.
 */
class DrainIT {
    private EmbeddedTdsServer backend;
    private ProxyFixture proxy;

    @BeforeEach
    void start() throws Exception {
        backend = EmbeddedTdsServer.builder().port(0).build().start();
        proxy = ProxyFixture.plaintext(backend.port(), ProxyTuning.DEFAULTS);
    }

    @AfterEach
    void stop() {
        proxy.close();
        backend.close();
    }

    @Test
    void anInFlightQueryFinishesAndANewConnectIsRefused() throws Exception {
        int port = proxy.port();
        CompletableFuture<Integer> query = CompletableFuture.supplyAsync(() -> {
            try (Connection c = DriverManager.getConnection(Jdbc.url(port, ";encrypt=false"));
                 Statement s = c.createStatement()) {
                s.execute("WAITFOR DELAY '00:00:03'");
                try (ResultSet rs = s.executeQuery("SELECT 42")) {
                    rs.next();
                    return rs.getInt(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        proxy.events.nextEstablished();
        Thread.sleep(500); // let the WAITFOR reach the backend

        CompletableFuture<Integer> drained = proxy.server.drain(Duration.ofSeconds(60));

        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
        assertThat(drained).isNotDone();
        assertThat(query.get(60, TimeUnit.SECONDS)).isEqualTo(42);
        assertThat(drained.get(60, TimeUnit.SECONDS)).as("connections cut off").isZero();
        assertThat(proxy.events.nextClosed().outcome()).isEqualTo(ConnectionOutcome.RELAYED);
    }

    @Test
    void connectionsStillOpenAtTheDrainTimeoutAreClosed() throws Exception {
        try (Connection idle = DriverManager.getConnection(Jdbc.url(proxy.port(), ";encrypt=false"))) {
            proxy.events.nextEstablished();

            int cutOff = proxy.server.drain(Duration.ofMillis(300)).get(60, TimeUnit.SECONDS);

            assertThat(cutOff).isEqualTo(1);
            assertThat(proxy.server.openConnections()).isZero();
            assertThatThrownBy(() -> {
                try (Statement s = idle.createStatement()) {
                    s.execute("SELECT 1");
                }
            }).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void closeCutsADrainShort() throws Exception {
        try (Connection idle = DriverManager.getConnection(Jdbc.url(proxy.port(), ";encrypt=false"))) {
            proxy.events.nextEstablished();
            CompletableFuture<Integer> drained = proxy.server.drain(Duration.ofHours(1));

            proxy.server.close();

            assertThat(drained.get(60, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(proxy.server.drain(Duration.ofHours(1))).isSameAs(drained);
        }
    }
}
