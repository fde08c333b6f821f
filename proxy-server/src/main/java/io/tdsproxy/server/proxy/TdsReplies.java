package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.packet.TdsMessageWriter;
import io.tdsproxy.tds.token.Done;
import io.tdsproxy.tds.token.DoneStatus;
import io.tdsproxy.tds.token.ServerMessage;
import io.tdsproxy.tds.token.TokenType;

/**
 * Replies the proxy writes itself, in place of the backend, to a LOGIN7 it cannot forward: one
 * tabular-result message (type 0x04) holding ERROR + DONE(ERROR), the shape SQL Server and
 * Microsoft's test server use for a refused login (MS-TDS 2.2.7.10, 2.2.7.6; protocol.md 8.1).
 * Class 20 marks the error fatal, so every client treats the connection as gone and shows the text.
 *
 * <p>The error numbers are the proxy's own choice (no SQL Server number means "proxy refused"):
 * {@value #ENCRYPTION_REQUIRED} as in the CONSTRUCTED vector {@code constructed_proxy_reject_error_done},
 * {@value #BACKEND_UNAVAILABLE} for an unreachable backend.
 */
final class TdsReplies {
    /** Error number for a plaintext login refused because encryption is required. */
    static final long ENCRYPTION_REQUIRED = 20;
    /** Error number for a login that could not be forwarded because the backend is unavailable. */
    static final long BACKEND_UNAVAILABLE = 50_001;
    /**
     * Error number for a connection over {@code proxy.maxconnections}: SQL Server's own number for "the
     * maximum number of user connections has already been reached", so tools that know it react alike.
     */
    static final long CONNECTION_LIMIT = 17_809;
    /** Error number for a LOGIN7 larger than {@code proxy.maxlogin7size}. */
    static final long LOGIN_TOO_LARGE = 50_002;
    /** Severity ("class") of a fatal error: the client closes the connection. */
    static final int FATAL = 20;
    /** Packet size before login (protocol.md 1.4). */
    static final int LOGIN_PACKET_SIZE = 4096;
    /** The ERROR token's server name. */
    static final String SERVER_NAME = "tdsproxy";

    private TdsReplies() {
    }

    /**
     * A whole TDS message (packet header(s) included) with a fatal ERROR and DONE(ERROR).
     * The caller owns the returned buffer (normally by writing it to the client channel).
     */
    static ByteBuf fatalLoginError(ByteBufAllocator alloc, long number, String text) {
        ByteBuf payload = alloc.buffer();
        try {
            new ServerMessage(number, 1, FATAL, text, SERVER_NAME, "", 1).encodeError(payload);
            new Done(TokenType.DONE, DoneStatus.ERROR, 0, 0).encode(payload);
            ByteBuf message = alloc.buffer(payload.readableBytes() + 16);
            TdsMessageWriter.writeMessage(message, PacketType.TABULAR_RESULT, 0, LOGIN_PACKET_SIZE, payload);
            return message;
        } finally {
            payload.release();
        }
    }
}
