package io.tdsproxy.server.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tdsproxy.netty.TdsPacketFrameDecoder;
import io.tdsproxy.server.config.ConfigException;
import io.tdsproxy.server.config.NetworkConfig;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.config.TlsConfig;
import io.tdsproxy.tls.KeyMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The TLS-terminating TDS proxy: listens on {@code [network] ipaddress:tcpport}, speaks to clients
 * as SQL Server on Linux would with the configured certificate and {@code forceencryption}, and
 * forwards each connection to {@code [backend]}. One acceptor thread, a worker group for
 * connections; each backend channel lives on its client's event loop with the same channel class.
 *
 * <pre>{@code
 * try (ProxyServer proxy = ProxyServer.builder(config).listener(events).build().start()) {
 *     int port = proxy.port();
 * }
 * }</pre>
 *
 * Per-connection behaviour: {@link ClientSession}. The certificate can be replaced while the proxy runs:
 * {@link #certificateReloader()}, and {@link Builder#watchCertificates} to follow the files. Thread-safe: {@link #start} and {@link #close} may be
 * called from any thread (start once).
 */
public final class ProxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final ProxyConfig config;
    private final ConnectionListener listener;
    private final Transport transport;
    private final int workerThreads;
    private final WriteBufferWaterMark waterMark;
    private final int connectTimeoutMillis;
    private final AtomicLong connectionIds = new AtomicLong();
    private final ReloadListener reloadListener;
    private final long watchQuietMillis;
    private CertificateReloader reloader;
    private CertificateWatcher watcher;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel serverChannel;
    private boolean closed;
    /** The chain and key new handshakes use; volatile: the admin listener reads it from its own thread. */
    private volatile Optional<ReloadableTls> servedTls = Optional.empty();

    private ProxyServer(Builder builder) {
        this.config = builder.config;
        this.listener = builder.listener;
        this.transport = builder.transport == null ? Transport.best() : builder.transport;
        this.workerThreads = builder.workerThreads;
        this.waterMark = builder.waterMark;
        this.connectTimeoutMillis = builder.connectTimeoutMillis;
        this.reloadListener = builder.reloadListener;
        this.watchQuietMillis = builder.watchQuietMillis;
    }

    /** A builder for a proxy with {@code config}. */
    public static Builder builder(ProxyConfig config) {
        return new Builder(config);
    }

    /**
     * Loads the TLS material, binds the listener and returns once it accepts connections.
     *
     * @throws ConfigException when the certificate, key or TLS settings are unusable (naming the line)
     * @throws ProxyStartException when the address cannot be bound
     */
    public synchronized ProxyServer start() throws ConfigException {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        Optional<ReloadableTls> tls = ServerTls.create(config);
        ProxyContext context = new ProxyContext(config, tls, transport, listener, waterMark, connectTimeoutMillis);
        servedTls = tls;
        boss = transport.newGroup(1, new DefaultThreadFactory("tdsproxy-accept"));
        workers = transport.newGroup(workerThreads, new DefaultThreadFactory("tdsproxy-io"));
        NetworkConfig network = config.network();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        long id = connectionIds.incrementAndGet();
                        ListenerCalls.notify(listener, id, l -> l.accepted(id, ch.remoteAddress()));
                        ClientSession session = new ClientSession(context, id, ch);
                        // Order: the sniffer sees raw bytes first; TLS handlers are added in front of FRAMES later.
                        ch.pipeline().addLast(HandlerNames.SNIFF, new FirstByteSniffer(session));
                        ch.pipeline().addLast(HandlerNames.FRAMES, new TdsPacketFrameDecoder());
                        ch.pipeline().addLast(HandlerNames.CLIENT, new ClientHandler(session));
                    }
                });
        try {
            serverChannel = bootstrap.bind(network.ipAddress(), network.tcpPort()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutdownGroups();
            throw new ProxyStartException("cannot listen on " + network.ipAddress() + ":" + network.tcpPort() + ": "
                    + ExceptionKind.message(e), e);
        }
        LOG.info("tdsproxy listening on {} ({} transport), backend {}, encryption {}", serverChannel.localAddress(),
                transport.name(), config.backend().address(), context.policy());
        if (tls.isPresent()) {
            startReload(config.network().tls().orElseThrow(), tls.get());
        }
        return this;
    }

    private void startReload(TlsConfig tlsConfig, ReloadableTls tls) {
        reloader = new CertificateReloader(tlsConfig, tls, reloadListener, Clock.systemUTC());
        if (watchQuietMillis > 0) {
            try {
                watcher = CertificateWatcher.start(tlsConfig, reloader, watchQuietMillis);
            } catch (IOException e) {
                LOG.warn("certificate files are not watched ({}); reload with SIGHUP", e.toString());
            }
        }
    }

    /**
     * Reloads the certificate and key of {@code [network]} ({@link CertificateReloader}); empty when the
     * proxy has no certificate. Available once started.
     */
    public synchronized Optional<CertificateReloader> certificateReloader() {
        return Optional.ofNullable(reloader);
    }

    /** The bound port (useful with {@code tcpport = 0}). */
    public int port() {
        return localAddress().getPort();
    }

    /** The bound address. */
    public synchronized InetSocketAddress localAddress() {
        if (serverChannel == null) {
            throw new IllegalStateException("not started");
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Whether the listener is bound and accepting connections. */
    public boolean listening() {
        Channel channel;
        synchronized (this) {
            channel = serverChannel;
        }
        return channel != null && channel.isActive();
    }

    /** The certificate chain and key new client-leg handshakes use; empty without a certificate. */
    public Optional<KeyMaterial> certificate() {
        return servedTls.map(tls -> tls.served().material());
    }

    /** The transport in use ({@code epoll} or {@code nio}). */
    public String transportName() {
        return transport.name();
    }

    /** Stops accepting, closes every connection and waits for the event loops to end. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (watcher != null) {
            watcher.close();
        }
        if (reloader != null) {
            reloader.close();
        }
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        shutdownGroups();
    }

    private void shutdownGroups() {
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Options of a {@link ProxyServer}; defaults fit production, tests override a few. */
    public static final class Builder {
        private final ProxyConfig config;
        private ConnectionListener listener = ConnectionListener.NONE;
        private Transport transport;
        private int workerThreads;
        private WriteBufferWaterMark waterMark = new WriteBufferWaterMark(64 * 1024, 256 * 1024);
        private int connectTimeoutMillis = 10_000;
        private ReloadListener reloadListener = ReloadListener.NONE;
        private long watchQuietMillis;

        private Builder(ProxyConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Observer of connection events (default: none). */
        public Builder listener(ConnectionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Forces a transport (default: epoll when available, else NIO). */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Worker event-loop threads (default 0: Netty's choice, two per core). */
        public Builder workerThreads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("threads " + threads + " < 0");
            }
            this.workerThreads = threads;
            return this;
        }

        /** Write-buffer water marks of both legs (default 64 KiB / 256 KiB). */
        public Builder waterMark(int low, int high) {
            this.waterMark = new WriteBufferWaterMark(low, high);
            return this;
        }

        /** Backend connect timeout (default 10 s). */
        public Builder connectTimeoutMillis(int millis) {
            if (millis <= 0) {
                throw new IllegalArgumentException("timeout " + millis + " <= 0");
            }
            this.connectTimeoutMillis = millis;
            return this;
        }

        /** Observer of certificate reloads, e.g. metrics (default: none). */
        public Builder reloadListener(ReloadListener listener) {
            this.reloadListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Reload the certificate when its files change ({@link CertificateWatcher}), once no further
         * change came for {@code quietMillis}; 0 (the default) watches nothing.
         */
        public Builder watchCertificates(long quietMillis) {
            if (quietMillis < 0) {
                throw new IllegalArgumentException("quietMillis " + quietMillis + " < 0");
            }
            this.watchQuietMillis = quietMillis;
            return this;
        }

        public ProxyServer build() {
            return new ProxyServer(this);
        }
    }
}
