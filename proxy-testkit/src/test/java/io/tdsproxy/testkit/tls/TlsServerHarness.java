package io.tdsproxy.testkit.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tdsproxy.tds.login.Login7Builder;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.packet.TdsMessageWriter;
import io.tdsproxy.tds.prelogin.EncryptionValue;
import io.tdsproxy.tds.prelogin.PreloginMessage;
import io.tdsproxy.tds.prelogin.PreloginOption;
import io.tdsproxy.tds.prelogin.PreloginOptionToken;
import io.tdsproxy.tds.prelogin.PreloginVersion;
import io.tdsproxy.testkit.BackendEncryption;
import io.tdsproxy.testkit.ConnectionSecurity;
import io.tdsproxy.testkit.h2.H2Database;
import io.tdsproxy.testkit.netty.EmbeddedHandlerNames;
import io.tdsproxy.testkit.netty.SessionHandler;
import io.tdsproxy.testkit.netty.TdsMessageAssembler;
import io.tdsproxy.testkit.netty.TdsPacketFramer;
import io.tdsproxy.testkit.session.ServerSettings;
import io.tdsproxy.testkit.session.TdsConnection;
import io.tdsproxy.tls.TlsProtocols;
import io.tdsproxy.tls.TlsProvider;

import java.io.ByteArrayOutputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded server's pipeline, built as {@code EmbeddedTdsServer} builds it, on an
 * {@link EmbeddedChannel} with the worker pool replaced by the calling thread, so that a test can
 * play the client byte by byte. TLS clients are separate EmbeddedChannels whose bytes {@link #toServer}
 * and {@link #fromServer} carry over.
 */
final class TlsServerHarness implements AutoCloseable {
    static final String USER = "sa";
    static final String PASSWORD = "pw-tls";

    final EmbeddedChannel server = new EmbeddedChannel();
    final List<ConnectionSecurity> records = new ArrayList<>();
    private final H2Database h2;

    TlsServerHarness(BackendEncryption encryption, boolean acceptStrict, TlsProvider provider) throws SQLException {
        h2 = H2Database.create("tls-harness");
        EmbeddedTls tls = encryption.needsCertificate()
                ? EmbeddedTls.create(TestTrust.serverKeyMaterial(), TlsProtocols.parse("1.2,1.3"), provider,
                acceptStrict || encryption == BackendEncryption.STRICT)
                : null;
        ServerSettings settings = new ServerSettings(Map.of(USER, PASSWORD), "master", encryption, h2, Runnable::run,
                new AtomicInteger(51), tls, records::add);
        TdsConnection connection = new TdsConnection(server, settings);
        server.pipeline()
                .addLast(EmbeddedHandlerNames.FRAME_DECODER, new TdsPacketFramer())
                .addLast(EmbeddedHandlerNames.MESSAGE_ASSEMBLER, new TdsMessageAssembler(1 << 20))
                .addLast(EmbeddedHandlerNames.SESSION, new SessionHandler(connection));
        connection.tls().installInitial(server.pipeline());
    }

    static byte[] prelogin(EncryptionValue encryption) {
        PreloginMessage m = PreloginMessage.of(
                PreloginOption.of(PreloginOptionToken.VERSION, new PreloginVersion(12, 2, 0, 0).encode()),
                PreloginOption.of(PreloginOptionToken.ENCRYPTION, new byte[] {(byte) encryption.raw()}),
                PreloginOption.of(PreloginOptionToken.TRACEID, new byte[36]));
        ByteBuf body = Unpooled.buffer();
        m.encode(body);
        return message(PacketType.PRELOGIN, body);
    }

    static byte[] login7(int packetSize) {
        return login7(packetSize, 4096);
    }

    /** A LOGIN7 asking for {@code packetSize}, cut into packets of {@code wirePacketSize} bytes. */
    static byte[] login7(int packetSize, int wirePacketSize) {
        return message(PacketType.LOGIN7, new Login7Builder().userName(USER).password(PASSWORD).hostName("h")
                .appName("tls-harness").packetSize(packetSize).build(ByteBufAllocator.DEFAULT), wirePacketSize);
    }

    static byte[] batch(String sql) {
        ByteBuf body = Unpooled.buffer();
        body.writeIntLE(22).writeIntLE(18).writeShortLE(2).writeLongLE(0).writeIntLE(1);
        body.writeCharSequence(sql, java.nio.charset.StandardCharsets.UTF_16LE);
        return message(PacketType.SQL_BATCH, body);
    }

    /** A whole client message in 4096-byte packets; releases {@code payload}. */
    static byte[] message(PacketType type, ByteBuf payload) {
        return message(type, payload, 4096);
    }

    /** A whole client message in packets of {@code packetSize}; releases {@code payload}. */
    static byte[] message(PacketType type, ByteBuf payload, int packetSize) {
        ByteBuf wire = Unpooled.buffer();
        try {
            TdsMessageWriter.writeMessage(wire, type, 0, packetSize, payload);
            return ByteBufUtil.getBytes(wire);
        } finally {
            payload.release();
            wire.release();
        }
    }

    /** Writes {@code bytes} to the server, in one read or one read per byte. */
    void toServer(byte[] bytes, boolean byteByByte) {
        if (!byteByByte) {
            server.writeInbound(Unpooled.wrappedBuffer(bytes));
            return;
        }
        for (byte b : bytes) {
            if (server.isOpen()) {
                server.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            }
        }
    }

    /** Everything the server wrote so far, as one byte array (buffers released). */
    byte[] fromServer() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf b = server.readOutbound(); b != null; b = server.readOutbound()) {
            try {
                out.writeBytes(ByteBufUtil.getBytes(b));
            } finally {
                b.release();
            }
        }
        return out.toByteArray();
    }

    /** Moves what one channel wrote into the other (buffers pass ownership); returns whether anything moved. */
    static boolean move(EmbeddedChannel from, EmbeddedChannel to) {
        boolean moved = false;
        for (ByteBuf b = from.readOutbound(); b != null; b = from.readOutbound()) {
            moved = true;
            if (to.isOpen()) {
                to.writeInbound(b);
            } else {
                b.release();
            }
        }
        return moved;
    }

    /** Shuttles bytes between a client channel and the server until neither writes anything. */
    void shuttle(EmbeddedChannel client) {
        for (int round = 0; round < 20; round++) {
            boolean a = move(client, server);
            boolean b = move(server, client);
            if (!a && !b) {
                return;
            }
        }
        throw new AssertionError("handshake did not settle in 20 rounds");
    }

    /** Splits a server byte stream into message payloads (packets joined until EOM). */
    static List<byte[]> messages(byte[] wire) {
        List<byte[]> messages = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        while (in.isReadable()) {
            PacketHeader h = PacketHeader.peek(in, in.readerIndex());
            if (h.rawType() != PacketType.TABULAR_RESULT.code()) {
                throw new AssertionError(String.format("not a server packet: type 0x%02X", h.rawType()));
            }
            in.skipBytes(PacketHeader.SIZE);
            byte[] payload = new byte[h.payloadLength()];
            in.readBytes(payload);
            current.writeBytes(payload);
            if (h.isEndOfMessage()) {
                messages.add(current.toByteArray());
                current.reset();
            }
        }
        return messages;
    }

    @Override
    public void close() throws SQLException {
        server.finishAndReleaseAll();
        h2.close();
    }
}
