package io.tdsproxy.testkit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tdsproxy.testkit.h2.H2Database;
import io.tdsproxy.testkit.netty.EmbeddedHandlerNames;
import io.tdsproxy.testkit.netty.SessionHandler;
import io.tdsproxy.testkit.netty.TdsMessageAssembler;
import io.tdsproxy.testkit.netty.TdsPacketFramer;
import io.tdsproxy.testkit.session.ServerSettings;
import io.tdsproxy.testkit.session.TdsConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TDS 7.x server backed by an in-memory H2 database (MSSQLServer mode), for tests and for trying
 * the proxy without a real SQL Server. It answers PRELOGIN and LOGIN7 like SQL Server 2022
 * (16.0), runs SQL batches and the RPCs JDBC drivers use for prepared statements
 * (sp_executesql/sp_prepexec/sp_prepare/sp_execute/sp_unprepare), honours ATTENTION (cancel) and
 * streams results of any size in packets of the negotiated size. One database per server.
 *
 * <pre>
 * try (EmbeddedTdsServer server = EmbeddedTdsServer.builder().login("app", "secret").build().start()) {
 *     Connection c = DriverManager.getConnection(server.jdbcUrl(), "app", "secret");
 * }
 * </pre>
 *
 * Threads: one Netty acceptor and one I/O thread (NIO) do framing and PRELOGIN only; logins and
 * requests run on a cached pool of worker threads (one at a time per connection), never on the
 * event loop. Supported T-SQL is what H2's MSSQLServer mode parses plus the translations listed in
 * {@code io.tdsproxy.testkit.sql.TsqlTranslator} and the session commands of
 * {@code io.tdsproxy.testkit.sql.SessionCommand}.
 */
public final class EmbeddedTdsServer implements AutoCloseable {
    /** Login created when the builder names none. */
    public static final String DEFAULT_USER = "sa";
    /** Password of {@link #DEFAULT_USER}. */
    public static final String DEFAULT_PASSWORD = "TdsProxy!2026";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTdsServer.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** Per-connection bytes in flight before a worker waits: bounds memory for huge results. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

    private final String host;
    private final int requestedPort;
    private final Map<String, String> logins;
    private final BackendEncryption encryption;
    private final String database;
    private final int instance = INSTANCES.incrementAndGet();

    private EventLoopGroup boss;
    private EventLoopGroup io;
    private ExecutorService workers;
    private ChannelGroup channels;
    private H2Database h2;
    private Channel serverChannel;
    private int port = -1;

    private EmbeddedTdsServer(Builder b) {
        this.host = b.host;
        this.requestedPort = b.port;
        this.logins = b.logins.isEmpty() ? Map.of(DEFAULT_USER, DEFAULT_PASSWORD) : Map.copyOf(b.logins);
        this.encryption = b.encryption;
        this.database = b.database;
    }

    /** A builder with the defaults: 127.0.0.1, an ephemeral port, sa/TdsProxy!2026, NOT_SUP, master. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the database and binds the port; returns once the server accepts connections.
     *
     * @throws IllegalStateException when already started or when binding or the database fails
     */
    public synchronized EmbeddedTdsServer start() {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        try {
            h2 = H2Database.create(database);
            boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("tds-embedded-" + instance + "-accept", true),
                    NioIoHandler.newFactory());
            io = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("tds-embedded-" + instance + "-io", true),
                    NioIoHandler.newFactory());
            workers = Executors.newCachedThreadPool(new DefaultThreadFactory("tds-embedded-" + instance + "-worker", true));
            channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
            ServerSettings settings = new ServerSettings(logins, database, encryption, h2, workers, new AtomicInteger(51));
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(boss, io)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            channels.add(ch);
                            // Framing first; TLS handlers (EmbeddedHandlerNames.TLS_FRAMER, SSL) would go before it.
                            ch.pipeline()
                                    .addLast(EmbeddedHandlerNames.FRAME_DECODER, new TdsPacketFramer())
                                    .addLast(EmbeddedHandlerNames.MESSAGE_ASSEMBLER,
                                            new TdsMessageAssembler(ServerSettings.MAX_MESSAGE_BYTES))
                                    .addLast(EmbeddedHandlerNames.SESSION, new SessionHandler(new TdsConnection(ch, settings)));
                        }
                    });
            serverChannel = bootstrap.bind(host, requestedPort).syncUninterruptibly().channel();
            port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
            LOG.info("embedded TDS server {} listening on {}:{} database={} encryption={}", instance, host, port,
                    database, encryption);
            return this;
        } catch (SQLException | RuntimeException e) {
            close();
            throw new IllegalStateException("embedded TDS server failed to start: " + e.getMessage(), e);
        }
    }

    /** The bound port (the ephemeral one when the builder asked for 0). */
    public int port() {
        if (port < 0) {
            throw new IllegalStateException("not started");
        }
        return port;
    }

    /** The address the server binds. */
    public String host() {
        return host;
    }

    /** The database every login uses. */
    public String database() {
        return database;
    }

    /** An mssql-jdbc URL for this server without credentials, {@code encrypt=false}. */
    public String jdbcUrl() {
        return "jdbc:sqlserver://" + host + ":" + port() + ";databaseName=" + database + ";encrypt=false";
    }

    /**
     * A direct H2 connection to this server's database, bypassing TDS: for tests that seed or check
     * data. Its default schema is {@code dbo}, like a TDS session's.
     */
    public Connection openDatabaseConnection() throws SQLException {
        if (h2 == null) {
            throw new IllegalStateException("not started");
        }
        return h2.open();
    }

    /** Closes the port, every connection and the database. Idempotent. */
    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
        }
        if (channels != null) {
            channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            io.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            boss = null;
            io = null;
        }
        if (workers != null) {
            workers.shutdownNow();
            workers = null;
        }
        if (h2 != null) {
            try {
                h2.close();
            } catch (SQLException e) {
                LOG.debug("closing H2: {}", e.toString());
            }
            h2 = null;
        }
    }

    /** Configures an {@link EmbeddedTdsServer}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private final Map<String, String> logins = new LinkedHashMap<>();
        private BackendEncryption encryption = BackendEncryption.NOT_SUP;
        private String database = "master";

        private Builder() {
        }

        /** Address to bind, default 127.0.0.1. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Port to bind; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port outside 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** Adds a SQL login (repeatable). Without any, {@link #DEFAULT_USER}/{@link #DEFAULT_PASSWORD} exists. */
        public Builder login(String user, String password) {
            if (user == null || user.isEmpty() || password == null) {
                throw new IllegalArgumentException("login needs a user name and a password");
            }
            logins.put(user, password);
            return this;
        }

        /** PRELOGIN encryption policy, default {@link BackendEncryption#NOT_SUP}. */
        public Builder encryption(BackendEncryption encryption) {
            this.encryption = Objects.requireNonNull(encryption, "encryption");
            return this;
        }

        /** Database name, default {@code master}. */
        public Builder database(String database) {
            if (database == null || database.isBlank()) {
                throw new IllegalArgumentException("database name must not be blank");
            }
            this.database = database;
            return this;
        }

        /**
         * @throws UnsupportedOperationException for an encryption policy not implemented yet
         */
        public EmbeddedTdsServer build() {
            if (!encryption.implemented()) {
                throw new UnsupportedOperationException("BackendEncryption." + encryption + " is not implemented yet");
            }
            return new EmbeddedTdsServer(this);
        }
    }
}
