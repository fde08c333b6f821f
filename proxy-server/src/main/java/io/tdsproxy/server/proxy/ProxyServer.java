package io.tdsproxy.server.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tdsproxy.netty.TdsPacketFrameDecoder;
import io.tdsproxy.server.config.ConfigException;
import io.tdsproxy.server.config.NetworkConfig;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.config.TlsConfig;
import io.tdsproxy.server.config.ProxyTuning;
import io.tdsproxy.tls.KeyMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
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
 * Per-connection behaviour: {@link ClientSession}; the {@code [proxy]} limits: {@link ProxyTuning}.
 * The certificate can be replaced while the proxy runs: {@link #certificateReloader()}, and
 * {@link Builder#watchCertificates} to follow the files.
 *
 * <p><b>Ending.</b> {@link #close()} stops at once: the listener and every connection are closed.
 * {@link #drain(Duration)} ends gracefully: the listener closes (new connects are refused by the
 * operating system), open connections run on for up to the drain timeout, the rest are then closed.
 *
 * <p>Thread-safe: {@link #start}, {@link #drain} and {@link #close} may be called from any thread
 * (start once); {@code close} during a drain cuts it short.
 */
public final class ProxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final ProxyConfig config;
    private final ConnectionListener listener;
    private final Transport transport;
    private final int workerThreads;
    private final ProxyTuning tuning;
    private final int connectTimeoutMillis;
    private final AtomicLong connectionIds = new AtomicLong();
    private final ReloadListener reloadListener;
    private final long watchQuietMillis;
    private CertificateReloader reloader;
    private CertificateWatcher watcher;
    private final ConnectionLimiter limiter;
    /** Every open client channel, admitted or not: what a drain waits for and a close closes. */
    private final ChannelGroup clients = new DefaultChannelGroup("tdsproxy-clients", GlobalEventExecutor.INSTANCE);
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel serverChannel;
    private CompletableFuture<Integer> drained;
    private volatile boolean closing;
    /** Connections open when {@link #close()} was first called: what a drain cut short reports. */
    private volatile int openAtClose;
    private boolean closed;
    /** The chain and key new handshakes use; volatile: the admin listener reads it from its own thread. */
    private volatile Optional<ReloadableTls> servedTls = Optional.empty();

    private ProxyServer(Builder builder) {
        this.config = builder.config;
        this.listener = builder.listener;
        this.transport = builder.transport == null ? Transport.best() : builder.transport;
        this.workerThreads = builder.workerThreads;
        this.tuning = builder.tuning;
        this.connectTimeoutMillis = builder.connectTimeoutMillis;
        this.reloadListener = builder.reloadListener;
        this.watchQuietMillis = builder.watchQuietMillis;
        this.limiter = new ConnectionLimiter(tuning.maxConnections());
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
        ProxyContext context = new ProxyContext(config, tls, transport, listener, connectTimeoutMillis, tuning,
                BackendTls.create(config));
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
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, context.waterMark())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        clients.add(ch);
                        boolean admitted = limiter.tryAcquire();
                        if (admitted) {
                            ch.closeFuture().addListener(f -> limiter.release());
                        }
                        long id = connectionIds.incrementAndGet();
                        ListenerCalls.notify(listener, id, l -> l.accepted(id, ch.remoteAddress()));
                        ClientSession session = new ClientSession(context, id, ch, admitted ? null : limiter.refusal());
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

    /** Client connections open now (including ones refused by the limit that are being told so). */
    public int openConnections() {
        return clients.size();
    }

    /** The open client channels (tests look at their options). */
    ChannelGroup clientChannels() {
        return clients;
    }

    /**
     * Ends gracefully: closes the listener before returning (so a new connect is refused from then on),
     * lets open connections run for up to {@code timeout}, then closes what is left and shuts down.
     * A second call returns the same future; {@link #close()} ends the wait at once.
     *
     * @return completes when the proxy is closed, with the number of connections that were still open
     *         at the timeout (or at a {@code close()}) and were cut off
     */
    public CompletableFuture<Integer> drain(Duration timeout) {
        CompletableFuture<Integer> result;
        synchronized (this) {
            if (drained != null) {
                return drained;
            }
            drained = result = new CompletableFuture<>();
            if (serverChannel == null || closed) {
                result.complete(0);
                return result;
            }
            serverChannel.close().syncUninterruptibly();
        }
        LOG.atInfo().setMessage("draining: listener closed, waiting for open connections to end")
                .addKeyValue("open", clients.size()).addKeyValue("draintimeout", timeout).log();
        Thread waiter = new Thread(() -> result.complete(awaitThenClose(timeout)), "tdsproxy-drain");
        waiter.setDaemon(true);
        waiter.start();
        return result;
    }

    private int awaitThenClose(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            // Polling keeps this independent of which event loop a connection ends on; 20 ms is far
            // below any drain timeout worth configuring.
            while (!clients.isEmpty() && !closing && System.nanoTime() - deadline < 0) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // After a close() the group empties because close() closed it: report what it cut off.
        int left = closing ? openAtClose : clients.size();
        if (left == 0) {
            LOG.info("drained: every connection ended");
        } else {
            LOG.atInfo().setMessage(closing ? "drain cut short: closing the remaining connections"
                    : "draintimeout reached: closing the remaining connections").addKeyValue("open", left).log();
        }
        close();
        return left;
    }

    /** Stops accepting, closes every connection at once and waits for the event loops to end. */
    @Override
    public void close() {
        // The drain thread polls without the lock, so close() can cut it short.
        synchronized (this) {
            if (!closing) {
                openAtClose = clients.size();
                closing = true;
            }
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
            clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            shutdownGroups();
        }
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
        private ProxyTuning tuning = ProxyTuning.DEFAULTS;
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

        /** {@code [proxy]}: limits, timeouts, water marks (default {@link ProxyTuning#DEFAULTS}). */
        public Builder tuning(ProxyTuning tuning) {
            this.tuning = Objects.requireNonNull(tuning, "tuning");
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
