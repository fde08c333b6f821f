package io.tdsproxy.testkit.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tdsproxy.tds.login.Login7Builder;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.packet.TdsMessageWriter;
import io.tdsproxy.tds.prelogin.PreloginMessage;
import io.tdsproxy.tds.token.Token;
import io.tdsproxy.tds.token.TokenFormat;
import io.tdsproxy.tds.token.TokenReader;
import io.tdsproxy.testkit.h2.H2Database;
import io.tdsproxy.testkit.netty.EmbeddedHandlerNames;
import io.tdsproxy.testkit.netty.SessionHandler;
import io.tdsproxy.testkit.netty.TdsMessageAssembler;
import io.tdsproxy.testkit.netty.TdsPacketFramer;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded-server pipeline on an {@link EmbeddedChannel}, with the worker pool replaced by the
 * calling thread, so a test writes client packets and reads the server's packets synchronously.
 * Every buffer it creates or receives is released by the time a method returns.
 */
final class ConnectionHarness implements AutoCloseable {
    static final String USER = "sa";
    static final String PASSWORD = "pw-1";

    final EmbeddedChannel channel = new EmbeddedChannel();
    /** The connection under test, for a test that plays the event loop from another thread. */
    final TdsConnection connection;
    private final H2Database h2;

    ConnectionHarness() throws SQLException {
        this(Runnable::run);
    }

    /** @param workers runs the connection's worker tasks (logins and requests) */
    ConnectionHarness(Executor workers) throws SQLException {
        h2 = H2Database.create("harness");
        ServerSettings settings = new ServerSettings(Map.of(USER, PASSWORD), "master", h2, workers,
                new AtomicInteger(51));
        connection = new TdsConnection(channel, settings);
        channel.pipeline()
                .addLast(EmbeddedHandlerNames.FRAME_DECODER, new TdsPacketFramer())
                .addLast(EmbeddedHandlerNames.MESSAGE_ASSEMBLER, new TdsMessageAssembler(1 << 20))
                .addLast(EmbeddedHandlerNames.SESSION, new SessionHandler(connection));
    }

    /** Sends one client message in packets of {@code packetSize}. */
    void send(PacketType type, ByteBuf payload, int packetSize) {
        ByteBuf wire = Unpooled.buffer();
        try {
            TdsMessageWriter.writeMessage(wire, type, 0, packetSize, payload);
        } finally {
            payload.release();
        }
        channel.writeInbound(wire);
    }

    void send(PacketType type, ByteBuf payload) {
        send(type, payload, 4096);
    }

    /** Sends raw bytes as they are. */
    void sendRaw(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    void prelogin(PreloginMessage message) {
        ByteBuf body = Unpooled.buffer();
        message.encode(body);
        send(PacketType.PRELOGIN, body);
    }

    void login(Login7Builder login) {
        send(PacketType.LOGIN7, login.build(ByteBufAllocator.DEFAULT));
    }

    static Login7Builder login74(String user, String password) {
        return new Login7Builder().userName(user).password(password).hostName("h").appName("harness")
                .packetSize(8000);
    }

    /** A SQL batch with ALL_HEADERS (TDS 7.2+: a transaction descriptor header). */
    void batch(String sql, boolean allHeaders) {
        ByteBuf body = Unpooled.buffer();
        if (allHeaders) {
            body.writeIntLE(22).writeIntLE(18).writeShortLE(2).writeLongLE(0).writeIntLE(1);
        }
        body.writeCharSequence(sql, StandardCharsets.UTF_16LE);
        send(PacketType.SQL_BATCH, body);
    }

    /** One server message: the headers of its packets and its payload (owned by the caller). */
    record Message(List<PacketHeader> headers, ByteBuf payload) {
        List<Token> tokens(TokenFormat format) {
            try {
                return TokenReader.readAll(payload, format);
            } finally {
                payload.release();
            }
        }
    }

    /** The next whole message the server wrote, or {@code null} when it wrote nothing (more). */
    Message next() {
        List<PacketHeader> headers = new ArrayList<>();
        ByteBuf payload = Unpooled.buffer();
        while (true) {
            ByteBuf packet = channel.readOutbound();
            if (packet == null) {
                if (headers.isEmpty()) {
                    payload.release();
                    return null;
                }
                payload.release();
                throw new AssertionError("server message without EOM: " + headers);
            }
            try {
                if (!packet.isReadable()) {
                    continue; // the empty flush marker before a close
                }
                PacketHeader h = PacketHeader.decode(packet);
                headers.add(h);
                payload.writeBytes(packet);
                if (h.isEndOfMessage()) {
                    return new Message(headers, payload);
                }
            } finally {
                packet.release();
            }
        }
    }

    /** Logs in as {@link #USER} with TDS 7.4 and drops the reply. */
    void loggedIn() {
        login(login74(USER, PASSWORD));
        next().payload().release();
    }

    @Override
    public void close() throws SQLException {
        channel.finishAndReleaseAll();
        h2.close();
    }
}
