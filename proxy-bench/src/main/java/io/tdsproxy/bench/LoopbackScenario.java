package io.tdsproxy.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tdsproxy.server.proxy.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code loopback}: the physical reference for every throughput number: a trivial Netty source writes
 * the same 128 KiB direct buffer again and again to a sink that counts and discards, over loopback
 * TCP, with the transport the proxy uses, one event loop thread each. No TDS, no TLS.
 */
@Command(name = "loopback", mixinStandardHelpOptions = true, description = "Plain TCP loopback throughput with Netty (reference).")
final class LoopbackScenario implements Runnable {
    private static final int CHUNK = 128 * 1024;

    @Option(names = "--connections", defaultValue = "1", description = "Parallel connections. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--bytes", defaultValue = "4294967296", description = "Bytes in total. Default: ${DEFAULT-VALUE} (4 GiB).")
    long bytes;

    @Option(names = "--results", description = "Append the result line to this file.")
    Path results;

    @Override
    public void run() {
        Transport transport = Transport.best();
        EventLoopGroup source = transport.newGroup(1, new DefaultThreadFactory("loopback-source", true));
        EventLoopGroup sink = transport.newGroup(1, new DefaultThreadFactory("loopback-sink", true));
        // Each write is a retained slice; the chunk itself is released when both loops are gone.
        ByteBuf chunk = io.netty.buffer.Unpooled.directBuffer(CHUNK).writeZero(CHUNK);
        try {
            long perConnection = bytes / connections;
            CountDownLatch done = new CountDownLatch(connections);
            AtomicLong received = new AtomicLong();
            Channel server = new ServerBootstrap().group(source).channel(transport.serverChannel())
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast("loopback-pump", new Pump(chunk, perConnection));
                        }
                    }).bind("127.0.0.1", 0).syncUninterruptibly().channel();
            List<Channel> clients = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < connections; i++) {
                clients.add(new Bootstrap().group(sink).channel(transport.socketChannel())
                        .option(ChannelOption.TCP_NODELAY, true)
                        .handler(new ChannelInitializer<>() {
                            @Override
                            protected void initChannel(Channel ch) {
                                ch.pipeline().addLast("loopback-sink", new Sink(received, done));
                            }
                        }).connect(server.localAddress()).syncUninterruptibly().channel());
            }
            if (!done.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("loopback transfer did not finish in 120 s");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            server.close().syncUninterruptibly();
            new Results().put("scenario", "loopback").put("target", "netty-loopback-" + transport.name())
                    .put("connections", connections).put("bytes", received.get()).put("seconds", seconds)
                    .put("aggregateMBps", received.get() / seconds / 1e6).emit(results);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            source.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            sink.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            chunk.release();
        }
    }

    /** Counts and releases what arrives; counts down when the source closed the connection. */
    private static final class Sink extends ChannelInboundHandlerAdapter {
        private final AtomicLong received;
        private final CountDownLatch done;

        Sink(AtomicLong received, CountDownLatch done) {
            this.received = received;
            this.done = done;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            received.addAndGet(((ByteBuf) msg).readableBytes());
            ((ByteBuf) msg).release();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            done.countDown();
        }
    }

    /** Writes {@code total} bytes while the channel is writable, then closes it. */
    private static final class Pump extends ChannelInboundHandlerAdapter {
        private final ByteBuf chunk;
        private long left;

        Pump(ByteBuf chunk, long total) {
            this.chunk = chunk;
            this.left = total;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            pump(ctx);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            pump(ctx);
        }

        private void pump(ChannelHandlerContext ctx) {
            while (left > 0 && ctx.channel().isWritable()) {
                int n = (int) Math.min(CHUNK, left);
                left -= n;
                ctx.write(chunk.retainedSlice(0, n), ctx.voidPromise());
            }
            ctx.flush();
            if (left == 0) {
                left = -1;
                ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(f -> ctx.close());
            }
        }
    }
}
