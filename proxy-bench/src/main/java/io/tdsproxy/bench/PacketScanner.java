package io.tdsproxy.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketStatus;

/**
 * Reads a TDS byte stream by its packet headers only (MS-TDS 2.2.3.1): counts bytes, finds the end of
 * each message (EOM status bit) and, only while {@link #collect(boolean)} is on, copies the payloads
 * of the message so that the session can decode a PRELOGIN reply or the login response. During a
 * result it copies nothing and parses no token, so the generator spends as little as possible per
 * byte. Headers split across reads are reassembled.
 *
 * <p>Ownership: every buffer read is released here, after scanning.
 * Not sharable: it holds one connection's position in the stream.
 */
final class PacketScanner extends ChannelInboundHandlerAdapter {
    /** Told about whole messages; called on the event loop. */
    interface Listener {
        /**
         * A message ended.
         *
         * @param type      the packet type of its last packet
         * @param bytes     wire bytes of the message, headers included
         * @param collected the payloads while collecting (the listener releases it), else null
         */
        void message(int type, long bytes, ByteBuf collected);

        void closed();

        void failed(Throwable cause);
    }

    private final Listener listener;
    private final byte[] header = new byte[PacketHeader.SIZE];
    private int headerFill;
    private int bodyLeft;
    private int type;
    private boolean endOfMessage;
    private long messageBytes;
    private ByteBuf collected;
    private boolean collect;

    PacketScanner(Listener listener) {
        this.listener = listener;
    }

    /** Copy payloads from the next message on (login phase) or not (results). Event loop only. */
    void collect(boolean on) {
        collect = on;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf buf = (ByteBuf) msg;
        try {
            scan(ctx, buf);
        } finally {
            buf.release();
        }
    }

    private void scan(ChannelHandlerContext ctx, ByteBuf buf) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        messageBytes += end - i;
        while (i < end) {
            if (bodyLeft > 0) {
                int take = Math.min(bodyLeft, end - i);
                if (collected != null) {
                    collected.writeBytes(buf, i, take);
                }
                bodyLeft -= take;
                i += take;
                if (bodyLeft == 0 && endOfMessage) {
                    messageEnded(ctx, messageBytes - (end - i));
                }
                continue;
            }
            header[headerFill++] = buf.getByte(i++);
            if (headerFill == PacketHeader.SIZE) {
                headerFill = 0;
                type = header[0] & 0xFF;
                endOfMessage = PacketStatus.isEndOfMessage(header[1] & 0xFF);
                int length = (header[2] & 0xFF) << 8 | (header[3] & 0xFF);
                if (length < PacketHeader.SIZE) {
                    throw new IllegalStateException("server sent a TDS packet of length " + length);
                }
                bodyLeft = length - PacketHeader.SIZE;
                if (collect && collected == null) {
                    collected = ctx.alloc().heapBuffer();
                }
                if (bodyLeft == 0 && endOfMessage) {
                    messageEnded(ctx, messageBytes - (end - i));
                }
            }
        }
    }

    private void messageEnded(ChannelHandlerContext ctx, long bytes) {
        messageBytes -= bytes;
        ByteBuf payload = collected;
        collected = null;
        listener.message(type, bytes, payload);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        listener.closed();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        listener.failed(cause);
        ctx.close();
    }

    private void release() {
        if (collected != null) {
            collected.release();
            collected = null;
        }
    }
}
