package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.packet.TdsMessageWriter;
import io.tdsproxy.tds.prelogin.EncryptionValue;
import io.tdsproxy.tds.prelogin.PreloginMessage;
import io.tdsproxy.tds.prelogin.PreloginOption;
import io.tdsproxy.tds.prelogin.PreloginOptionToken;
import io.tdsproxy.tds.prelogin.PreloginVersion;


/**
 * The PRELOGIN rewrites of the proxy (MS-TDS 2.2.6.5; protocol.md 2, 3): the two legs negotiate
 * encryption separately, everything else (VERSION, MARS, INSTOPT, TRACEID, FEDAUTHREQUIRED, unknown
 * options) passes through unchanged.
 *
 * <pre>
 * client --PRELOGIN(enc=X)--> proxy --PRELOGIN(enc=B)--> backend         B from [backend] encrypt
 * client <--reply(enc=D)----- proxy <--reply(enc=R)------ backend         D = serverSide(X, policy)
 * </pre>
 */
final class PreloginExchange {
    /**
     * The VERSION the proxy announces when it answers without a backend reply (backend unavailable):
     * 16.0, SQL Server 2022's major version; mssql-jdbc refuses majors below 9 (protocol.md 2.3).
     */
    static final PreloginVersion PROXY_VERSION = new PreloginVersion(16, 0, 1000, 0);

    private PreloginExchange() {
    }

    /**
     * What the proxy sends the backend: the client's options with ENCRYPTION = NOT_SUP; {@link BackendLink}
     * sets the value {@code [backend] encrypt} asks for ({@link BackendLegTls#requestValue}).
     */
    static PreloginMessage backendRequest(PreloginMessage client) {
        return client.withEncryption(EncryptionValue.NOT_SUP);
    }

    /** A backend request for a client that sent no PRELOGIN (jTDS {@code ssl=off} starts with LOGIN7). */
    static PreloginMessage defaultBackendRequest() {
        return PreloginMessage.of(
                PreloginOption.of(PreloginOptionToken.VERSION, PROXY_VERSION.encode()),
                PreloginOption.of(PreloginOptionToken.ENCRYPTION, new byte[] {(byte) EncryptionValue.NOT_SUP.raw()}),
                PreloginOption.of(PreloginOptionToken.INSTOPT, new byte[] {0}),
                PreloginOption.of(PreloginOptionToken.MARS, new byte[] {0}));
    }

    /** The reply for the client: the backend's reply with ENCRYPTION set to the client-leg decision. */
    static PreloginMessage clientReply(PreloginMessage backendReply, EncryptionValue decision) {
        return backendReply.withEncryption(decision);
    }

    /**
     * The reply when there is no backend reply to pass on: the five options of a real SQL Server
     * reply (protocol.md 2.1), so that every client parses it and goes on to LOGIN7, where it is told
     * why the backend is unavailable.
     */
    static PreloginMessage standaloneReply(EncryptionValue decision) {
        return PreloginMessage.of(
                PreloginOption.of(PreloginOptionToken.VERSION, PROXY_VERSION.encode()),
                PreloginOption.of(PreloginOptionToken.ENCRYPTION, new byte[] {(byte) decision.raw()}),
                PreloginOption.of(PreloginOptionToken.INSTOPT, new byte[] {0}),
                PreloginOption.of(PreloginOptionToken.THREADID, new byte[0]),
                PreloginOption.of(PreloginOptionToken.MARS, new byte[] {0}));
    }

    /** The message as one TDS message of {@code type}; the caller owns the returned buffer. */
    static ByteBuf toPackets(ByteBufAllocator alloc, PreloginMessage message, PacketType type, int spid) {
        ByteBuf payload = alloc.buffer(message.encodedLength());
        try {
            message.encode(payload);
            ByteBuf out = alloc.buffer(payload.readableBytes() + 8);
            TdsMessageWriter.writeMessage(out, type, spid, TdsReplies.LOGIN_PACKET_SIZE, payload);
            return out;
        } finally {
            payload.release();
        }
    }
}
