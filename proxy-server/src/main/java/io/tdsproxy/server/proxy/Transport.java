package io.tdsproxy.server.proxy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadFactory;

/**
 * The socket implementation: Linux epoll when the native library loads, NIO otherwise, with the
 * reason logged once. Backend channels use {@link #socketChannel()} too, so that a backend channel
 * registered on the client's event loop has the same channel class (a mixed NIO/epoll pair cannot
 * share a loop).
 *
 * @param name                the transport's name for logs ({@code epoll} or {@code nio})
 * @param ioHandlerFactory    builds the per-thread I/O handler of an event loop group
 * @param serverChannel       the listening channel class
 * @param socketChannel       the connection channel class, for accepted and backend channels alike
 */
public record Transport(String name, IoHandlerFactory ioHandlerFactory,
                        Class<? extends ServerChannel> serverChannel, Class<? extends SocketChannel> socketChannel) {
    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

    /** Epoll when available; otherwise NIO, logging why epoll is not used. */
    public static Transport best() {
        if (Epoll.isAvailable()) {
            return epoll();
        }
        Throwable cause = Epoll.unavailabilityCause();
        LOG.info("epoll transport unavailable, using NIO: {}", cause == null ? "unknown reason" : cause.toString());
        return nio();
    }

    /** The JDK NIO transport, available everywhere. */
    public static Transport nio() {
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class);
    }

    /** Linux epoll; call only when {@link Epoll#isAvailable()}. */
    public static Transport epoll() {
        Epoll.ensureAvailability();
        return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class, EpollSocketChannel.class);
    }

    /** An event loop group of {@code threads} threads (0: Netty's default, two per core). */
    public EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandlerFactory);
    }
}
