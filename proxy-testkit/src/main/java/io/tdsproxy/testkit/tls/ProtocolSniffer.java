package io.tdsproxy.testkit.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Tells TDS 8.0 from TDS 7.x by the first byte of a connection (MS-TDS 3.3.5.1): 0x16 is a TLS
 * handshake record, so the connection is strict and the TDS 8.0 {@code SslHandler} takes this
 * handler's place; anything else (0x12 PRELOGIN, 0x10 LOGIN7, garbage) goes on unchanged to the TDS
 * 7.x pipeline, which judges it. Installed only on servers that accept strict connections.
 *
 * <p>Ownership: {@link ByteToMessageDecoder} hands the bytes it holds to the next handler when this one
 * is removed or replaced; nothing is consumed here.
 */
final class ProtocolSniffer extends ByteToMessageDecoder {
    /** TLS record content type handshake (RFC 8446 5.1): a ClientHello. */
    static final int TLS_HANDSHAKE = 0x16;

    private final ConnectionTls connection;

    ProtocolSniffer(ConnectionTls connection) {
        this.connection = connection;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        if (in.getUnsignedByte(in.readerIndex()) == TLS_HANDSHAKE) {
            connection.startStrict(ctx);
        } else {
            ctx.pipeline().remove(this);
        }
    }
}
