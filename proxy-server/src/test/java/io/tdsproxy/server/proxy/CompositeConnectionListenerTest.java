package io.tdsproxy.server.proxy;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CompositeConnectionListenerTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 1);

    /** Records every event it hears, by name. */
    private static final class Log implements ConnectionListener {
        final List<String> heard = new ArrayList<>();

        @Override
        public void accepted(long id, SocketAddress client) {
            heard.add("accepted");
        }

        @Override
        public void handshakeFinished(HandshakeRecord handshake) {
            heard.add("handshake");
        }

        @Override
        public void backendConnectFinished(long nanos, boolean connected) {
            heard.add("backend");
        }

        @Override
        public void loginReceived(LoginRecord login) {
            heard.add("login");
        }

        @Override
        public void established(ConnectionRecord record) {
            heard.add("established");
        }

        @Override
        public void trafficRelayed(RelayDirection direction, long bytes, long packets) {
            heard.add("traffic");
        }

        @Override
        public void closed(ConnectionRecord record) {
            heard.add("closed");
        }
    }

    /** Throws on every event. */
    private static final class Broken implements ConnectionListener {
        @Override
        public void accepted(long id, SocketAddress client) {
            throw new IllegalStateException("broken");
        }

        @Override
        public void trafficRelayed(RelayDirection direction, long bytes, long packets) {
            throw new IllegalStateException("broken");
        }

        @Override
        public void closed(ConnectionRecord record) {
            throw new IllegalStateException("broken");
        }
    }

    @Test
    void everyListenerHearsEveryEventEvenAfterOneThrows() {
        Log first = new Log();
        Log last = new Log();
        ConnectionListener all = CompositeConnectionListener.of(first, new Broken(), last);
        ConnectionRecord record = new ConnectionRecord(1, CLIENT, ClientLegMode.PLAINTEXT, Optional.empty(),
                Optional.empty(), ConnectionOutcome.OPEN, "", 0, 0);
        all.accepted(1, CLIENT);
        all.handshakeFinished(new HandshakeRecord(1, ClientLegMode.FULL_TLS, true, Optional.of("TLSv1.2"),
                Optional.of("X"), 5));
        all.backendConnectFinished(5, true);
        all.loginReceived(new LoginRecord(1, CLIENT, ClientLegMode.PLAINTEXT, "PLAINTEXT", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), "not decoded", ""));
        all.established(record);
        all.trafficRelayed(RelayDirection.TO_CLIENT, 10, 1);
        all.closed(record);
        List<String> expected = List.of("accepted", "handshake", "backend", "login", "established", "traffic", "closed");
        assertThat(first.heard).isEqualTo(expected);
        assertThat(last.heard).isEqualTo(expected);
    }

    @Test
    void oneListenerNeedsNoWrapper() {
        Log only = new Log();
        assertThat(CompositeConnectionListener.of(only)).isSameAs(only);
    }
}
