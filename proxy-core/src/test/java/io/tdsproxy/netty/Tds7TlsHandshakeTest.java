package io.tdsproxy.netty;

import io.netty.handler.ssl.SslContext;
import io.tdsproxy.netty.TdsBytes.Packet;
import io.tdsproxy.netty.TlsShuttle.Delivery;
import io.tdsproxy.netty.TlsShuttle.End;
import io.tdsproxy.netty.TlsShuttle.Flight;
import io.tdsproxy.netty.TlsShuttle.Transcript;
import io.tdsproxy.tls.CertificateGenerator;
import io.tdsproxy.tls.ClientTlsContexts;
import io.tdsproxy.tls.GeneratedCertificate;
import io.tdsproxy.tls.KeyType;
import io.tdsproxy.tls.ServerTlsContexts;
import io.tdsproxy.tls.TestPki;
import io.tdsproxy.tls.TlsProtocols;
import io.tdsproxy.tls.TlsProvider;
import io.tdsproxy.tls.TrustSettings;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TDS 7.x TLS 1.2 handshakes between a server-side and a client-side framer + SslHandler over
 * EmbeddedChannels, for both providers (server and client the same provider, and crossed), RSA 2048
 * and EC P-256 server certificates issued by a test CA.
 */
class Tds7TlsHandshakeTest {
    @TempDir
    static Path dir;

    static Stream<Arguments> matrix() {
        List<Arguments> args = new ArrayList<>();
        for (TlsProvider server : TlsProvider.values()) {
            for (TlsProvider client : TlsProvider.values()) {
                for (KeyType key : new KeyType[] {KeyType.RSA_2048, KeyType.EC_P256}) {
                    for (Delivery delivery : Delivery.values()) {
                        args.add(Arguments.of(server, client, key, delivery));
                    }
                }
            }
        }
        return args.stream();
    }

    static SslContext server(TlsProvider provider, KeyType key) {
        return ServerTlsContexts.tds7(TestPki.server(key).keyMaterial(), TlsProtocols.parse("1.2"), null, provider);
    }

    static SslContext client(TlsProvider provider) throws Exception {
        return ClientTlsContexts.tds7(TrustSettings.ca(TestPki.writeCa(dir)), TlsProtocols.parse("1.2"), provider);
    }

    @ParameterizedTest(name = "server {0}, client {1}, {2}, client flights {3}")
    @MethodSource("matrix")
    void handshakeIsWrappedAndApplicationDataIsRaw(TlsProvider serverProvider, TlsProvider clientProvider,
                                                    KeyType key, Delivery delivery) throws Exception {
        try (End server = TlsShuttle.tds7Server(server(serverProvider, key));
             End client = TlsShuttle.tds7Client(client(clientProvider), TestPki.HOST)) {
            Transcript t = TlsShuttle.handshake(client, server, delivery);

            assertThat(t.clientFailure()).as("client failure").isNull();
            assertThat(t.serverFailure()).as("server failure").isNull();
            assertThat(server.ssl.engine().getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(client.ssl.engine().getSession().getProtocol()).isEqualTo("TLSv1.2");
            // TLS 1.2 full handshake: ServerHello..ServerHelloDone, then ChangeCipherSpec + Finished.
            assertThat(t.serverFlights()).hasSize(2);
            assertThat(t.clientFlights()).hasSize(2);
            for (Flight f : t.flights()) {
                assertWrappedFlight(f);
            }
            assertThat(server.framer.handshakeMessagesSent()).isEqualTo(2);

            byte[] login = TdsBytes.login7Packet(0x01, 300);
            client.send(login);
            byte[] onWire = TlsShuttle.pump(client, server);
            assertThat(onWire[0]).as("first byte after the handshake: TLS application_data").isEqualTo((byte) 0x17);
            assertThat(server.sink.bytes()).isEqualTo(login);

            byte[] reply = TdsBytes.packet(0x04, 0x01, 1, new byte[] {(byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
            server.send(reply);
            byte[] replyOnWire = TlsShuttle.pump(server, client);
            assertThat(replyOnWire[0]).isEqualTo((byte) 0x17);
            assertThat(client.sink.bytes()).isEqualTo(reply);
            assertThat(server.framer.inboundRaw()).isTrue();
            assertThat(server.framer.outboundRaw()).isTrue();
            assertThat(client.framer.inboundRaw()).isTrue();
            assertThat(client.framer.outboundRaw()).isTrue();
        }
    }

    static Stream<Arguments> largeFlights() {
        List<Arguments> args = new ArrayList<>();
        for (TlsProvider server : TlsProvider.values()) {
            for (TlsProvider client : TlsProvider.values()) {
                for (Delivery toClient : new Delivery[] {Delivery.AS_WRITTEN, Delivery.TYPE_04, Delivery.TINY_PACKETS}) {
                    args.add(Arguments.of(server, client, toClient));
                }
            }
        }
        return args.stream();
    }

    /** A certificate with many names, so that the server's first flight needs more than one 4096-byte packet. */
    static GeneratedCertificate bigCertificate() {
        String[] names = new String[160];
        for (int i = 0; i < names.length; i++) {
            names[i] = "replica-" + i + ".long-subdomain-name-for-size.tdsproxy.test";
        }
        return CertificateGenerator.builder().subject(TestPki.HOST).sans(names).issuer(TestPki.ca()).generate();
    }

    private static GeneratedCertificate big;

    @ParameterizedTest(name = "server {0}, client {1}, server flights {2}")
    @MethodSource("largeFlights")
    void flightLargerThanOnePacketIsOneMessage(TlsProvider serverProvider, TlsProvider clientProvider, Delivery toClient)
            throws Exception {
        synchronized (Tds7TlsHandshakeTest.class) {
            if (big == null) {
                big = bigCertificate();
            }
        }
        SslContext serverCtx = ServerTlsContexts.tds7(big.keyMaterial(), TlsProtocols.parse("1.2"), null, serverProvider);
        try (End server = TlsShuttle.tds7Server(serverCtx);
             End client = TlsShuttle.tds7Client(client(clientProvider), TestPki.HOST)) {
            Transcript t = TlsShuttle.handshake(client, server, Delivery.AS_WRITTEN, toClient);
            assertThat(t.succeeded()).isTrue();
            Flight first = t.serverFlights().get(0);
            assertThat(first.totalBytes()).isGreaterThan(2 * 4096);
            assertThat(first.writes().size()).isGreaterThanOrEqualTo(3);
            for (Flight f : t.flights()) {
                assertWrappedFlight(f);
            }
            byte[] login = TdsBytes.login7Packet(0x01, 8000);
            client.send(login);
            TlsShuttle.pump(client, server);
            assertThat(server.sink.bytes()).isEqualTo(login);
        }
    }

    static Stream<Arguments> providerPairs() {
        List<Arguments> args = new ArrayList<>();
        for (TlsProvider server : TlsProvider.values()) {
            for (TlsProvider client : TlsProvider.values()) {
                args.add(Arguments.of(server, client));
            }
        }
        return args.stream();
    }

    /**
     * Session resumption (clients such as mssql-jdbc resume): the abbreviated TLS 1.2 handshake ends with
     * the client's flight, so the server completes on reading it and the client on writing it; both
     * directions must still switch exactly.
     */
    @ParameterizedTest(name = "server {0}, client {1}")
    @MethodSource("providerPairs")
    void resumedSessionIsWrappedAndSwitchesToo(TlsProvider serverProvider, TlsProvider clientProvider) throws Exception {
        SslContext serverCtx = server(serverProvider, KeyType.EC_P256);
        SslContext clientCtx = client(clientProvider);
        for (int connection = 0; connection < 2; connection++) {
            try (End server = TlsShuttle.tds7Server(serverCtx);
                 End client = TlsShuttle.tds7Client(clientCtx, TestPki.HOST)) {
                Transcript t = TlsShuttle.handshake(client, server, Delivery.AS_WRITTEN);
                assertThat(t.succeeded()).isTrue();
                for (Flight f : t.flights()) {
                    assertWrappedFlight(f);
                }
                // Full: C S C S. Abbreviated: ClientHello, ServerHello+CCS+Finished, CCS+Finished.
                assertThat(t.flights()).hasSize(connection == 0 ? 4 : 3);
                byte[] login = TdsBytes.login7Packet(0x01, 64);
                client.send(login);
                assertThat(TlsShuttle.pump(client, server)[0]).isEqualTo((byte) 0x17);
                assertThat(server.sink.bytes()).isEqualTo(login);
            }
        }
    }

    /** Every write is one 0x12 packet of at most 4096 bytes; EOM exactly on the flight's last packet. */
    static void assertWrappedFlight(Flight flight) {
        List<Packet> packets = new ArrayList<>();
        for (byte[] write : flight.writes()) {
            List<Packet> inWrite = TdsBytes.packets(write);
            assertThat(inWrite).as("one packet per write").hasSize(1);
            packets.addAll(inWrite);
        }
        for (int i = 0; i < packets.size(); i++) {
            Packet p = packets.get(i);
            assertThat(p.type()).as("packet type").isEqualTo(0x12);
            assertThat(p.length()).as("packet length").isLessThanOrEqualTo(4096);
            assertThat(p.eom()).as("EOM on packet " + i + " of " + packets.size()).isEqualTo(i == packets.size() - 1);
        }
    }
}
