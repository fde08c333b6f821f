package io.tdsproxy.netty;

import io.netty.buffer.Unpooled;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.tdsproxy.netty.TlsShuttle.Delivery;
import io.tdsproxy.netty.TlsShuttle.End;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tls.ClientTlsContexts;
import io.tdsproxy.tls.KeyType;
import io.tdsproxy.tls.ServerTlsContexts;
import io.tdsproxy.tls.TestPki;
import io.tdsproxy.tls.TlsProtocols;
import io.tdsproxy.tls.TlsProvider;
import io.tdsproxy.tls.TrustSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Login-only encryption (protocol.md 3.4): the LOGIN7's first packet travels inside TLS, then both
 * sides drop TLS without any TLS record, and plaintext TDS follows in both directions.
 */
class LoginOnlyTlsRemovalTest {
    private static final byte[] REPLY = TdsBytes.packet(0x04, 0x01, 1, new byte[] {(byte) 0xAD, 1, 2, 3});

    private static End server(TlsProvider provider) {
        End server = TlsShuttle.tds7Server(ServerTlsContexts.tds7(TestPki.server(KeyType.EC_P256).keyMaterial(),
                TlsProtocols.parse("1.2"), null, provider));
        server.sink.onPlaintext = ctx -> Tds7Tls.removeWithoutClose(ctx.pipeline());
        return server;
    }

    private static End client(TlsProvider provider) {
        return TlsShuttle.tds7Client(ClientTlsContexts.tds7(TrustSettings.trustAll(), TlsProtocols.parse("1.2"), provider),
                TestPki.HOST);
    }

    private static byte[] drain(End end) {
        return TlsShuttle.concat(TlsShuttle.copiesAndRelease(end.drainOutbound()));
    }

    /** Client side as mssql-jdbc/FreeTDS/go do it: packet 1 in TLS, drop TLS, packet 2 in plaintext. */
    private static byte[][] clientSendsLoginOnly(End client, byte[] first, byte[] second) {
        client.send(first);
        byte[] tls = drain(client);
        assertThat(tls[0]).isEqualTo((byte) 0x17);
        Tds7Tls.removeWithoutClose(client.channel.pipeline());
        assertThat(drain(client)).as("bytes written by removing TLS on the client").isEmpty();
        assertThat(client.channel.pipeline().get(HandlerNames.TLS)).isNull();
        assertThat(client.channel.pipeline().get(HandlerNames.TLS_FRAMER)).isNull();
        client.send(second);
        byte[] plain = drain(client);
        assertThat(plain).isEqualTo(second);
        return new byte[][] {tls, plain};
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void firstPacketInTlsThenPlaintextInOneRead(TlsProvider provider) {
        try (End server = server(provider); End client = client(provider)) {
            assertThat(TlsShuttle.handshake(client, server, Delivery.AS_WRITTEN).succeeded()).isTrue();
            byte[] first = TdsBytes.login7Packet(0x00, 200);
            byte[] second = TdsBytes.login7Packet(0x01, 90);
            byte[][] wire = clientSendsLoginOnly(client, first, second);

            server.channel.writeInbound(Unpooled.wrappedBuffer(TlsShuttle.concat(List.of(wire[0], wire[1]))));

            assertThat(server.sink.bytes()).isEqualTo(TlsShuttle.concat(List.of(first, second)));
            assertThat(server.sink.events).contains(PlaintextAfterTlsEvent.INSTANCE);
            // Measured: SslHandler.handlerRemoved fails its close future and says so with an event.
            assertThat(server.sink.events).anySatisfy(e -> assertThat(e).isInstanceOf(SslCloseCompletionEvent.class));
            assertThat(drain(server)).as("bytes written by removing TLS on the server").isEmpty();

            server.send(REPLY);
            byte[] reply = drain(server);
            assertThat(reply).as("reply leaves in plaintext").isEqualTo(REPLY);
            client.channel.writeInbound(Unpooled.wrappedBuffer(reply));
            assertThat(client.sink.bytes()).isEqualTo(REPLY);

            server.channel.close();
            client.channel.close();
            assertThat(drain(server)).as("no close_notify on close").isEmpty();
            assertThat(drain(client)).as("no close_notify on close").isEmpty();
        }
    }

    /**
     * The switching stream (TLS record, then plaintext) split in two reads at every position inside the
     * record header, around the record's end and the plaintext's TDS header, and a few in between. Each
     * split needs a fresh TLS session, so not literally every byte of the encrypted body is tried.
     */
    @Test
    void splitsAroundTheSwitchGiveTheSamePlaintext() {
        byte[] first = TdsBytes.login7Packet(0x00, 120);
        byte[] second = TdsBytes.login7Packet(0x01, 40);
        byte[] expected = TlsShuttle.concat(List.of(first, second));
        java.util.TreeSet<Integer> splits = null;
        java.util.Iterator<Integer> next = null;
        int tried = 0;
        while (splits == null || next.hasNext()) {
            try (End server = server(TlsProvider.OPENSSL); End client = client(TlsProvider.OPENSSL)) {
                assertThat(TlsShuttle.handshake(client, server, Delivery.AS_WRITTEN).succeeded()).isTrue();
                byte[][] wire = clientSendsLoginOnly(client, first, second);
                byte[] stream = TlsShuttle.concat(List.of(wire[0], wire[1]));
                if (splits == null) {
                    int recordEnd = wire[0].length;
                    splits = new java.util.TreeSet<>();
                    for (int i = 1; i <= 12; i++) {
                        splits.add(i);
                    }
                    for (int i = recordEnd - 8; i <= recordEnd + 10; i++) {
                        splits.add(i);
                    }
                    splits.add(recordEnd / 2);
                    splits.add(stream.length - 1);
                    next = splits.iterator();
                }
                int split = next.next();
                server.channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, 0, split)));
                server.channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, split, stream.length)));
                assertThat(server.sink.bytes()).as("split at " + split).isEqualTo(expected);
                assertThat(drain(server)).isEmpty();
                tried++;
            }
        }
        assertThat(tried).isEqualTo(splits.size()).isGreaterThan(30);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void wholeLoginInTlsThenServerDropsTls(TlsProvider provider) {
        // tiberius / jTDS: every LOGIN7 packet inside TLS, TLS dropped after the whole message.
        try (End server = server(provider); End client = client(provider)) {
            assertThat(TlsShuttle.handshake(client, server, Delivery.AS_WRITTEN).succeeded()).isTrue();
            byte[] first = TdsBytes.login7Packet(0x00, 100);
            byte[] second = TdsBytes.login7Packet(0x01, 60);
            byte[] expected = TlsShuttle.concat(List.of(first, second));
            server.sink.onRead = ctx -> {
                if (server.sink.bytes().length == expected.length) {
                    Tds7Tls.removeWithoutClose(ctx.pipeline());
                }
            };
            client.send(first);
            client.send(second);
            TlsShuttle.pump(client, server);
            Tds7Tls.removeWithoutClose(client.channel.pipeline());

            assertThat(server.sink.bytes()).isEqualTo(expected);
            assertThat(server.channel.pipeline().get(HandlerNames.TLS)).isNull();
            assertThat(drain(server)).isEmpty();
            server.send(REPLY);
            assertThat(drain(server)).isEqualTo(REPLY);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void plaintextAfterTlsWithoutLoginOnlyIsAProtocolError(TlsProvider provider) {
        try (End server = server(provider); End client = client(provider)) {
            server.sink.onPlaintext = null;
            assertThat(TlsShuttle.handshake(client, server, Delivery.AS_WRITTEN).succeeded()).isTrue();
            byte[][] wire = clientSendsLoginOnly(client, TdsBytes.login7Packet(0x00, 50), TdsBytes.login7Packet(0x01, 20));
            assertThatThrownBy(() -> server.channel.writeInbound(
                    Unpooled.wrappedBuffer(TlsShuttle.concat(List.of(wire[0], wire[1])))))
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("plaintext TDS after TLS");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void sslHandlerRemovalInsideARecordWritesNothingAndForwardsOnlyWhatItCumulated(TlsProvider provider) {
        try (End server = server(provider); End client = client(provider)) {
            assertThat(TlsShuttle.handshake(client, server, Delivery.AS_WRITTEN).succeeded()).isTrue();
            client.send(TdsBytes.login7Packet(0x01, 100));
            byte[] record = drain(client);
            byte[] part = Arrays.copyOfRange(record, 0, 30);
            server.channel.writeInbound(Unpooled.wrappedBuffer(part));
            assertThat(server.sink.bytes()).isEmpty();
            assertThat(server.framer.atRecordBoundary()).isFalse();

            assertThatThrownBy(() -> Tds7Tls.removeWithoutClose(server.channel.pipeline()))
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("inside a TLS record");

            // Measured behaviour of Netty's SslHandler on removal. JDK engine (jdkCompatibilityMode: whole records
            // only): ByteToMessageDecoder.handlerRemoved forwards the cumulated bytes of the unfinished record
            // as they went in. OpenSSL engine (non-JDK mode): BoringSSL already consumed the partial record into
            // its own buffer, so nothing is forwarded and the bytes are gone. Neither writes anything. Hence
            // Tds7Tls.removeWithoutClose insists on a record boundary.
            server.channel.pipeline().remove(HandlerNames.TLS);
            if (provider == TlsProvider.JDK) {
                assertThat(server.sink.bytes()).isEqualTo(part);
            } else {
                assertThat(server.sink.bytes()).isEmpty();
            }
            assertThat(drain(server)).isEmpty();
        }
    }
}
