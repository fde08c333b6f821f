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
import io.tdsproxy.testkit.tls.EmbeddedTls;
import io.tdsproxy.tls.CertificateGenerator;
import io.tdsproxy.tls.KeyMaterial;
import io.tdsproxy.tls.KeyMaterialLoader;
import io.tdsproxy.tls.KeyType;
import io.tdsproxy.tls.TlsProtocols;
import io.tdsproxy.tls.TlsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

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
 * <h2>Encryption</h2>
 * {@link Builder#encryption} picks a {@link BackendEncryption} policy, mirroring SQL Server's
 * {@code forceencryption} / {@code forcestrict} settings; {@link Builder#acceptStrict} adds TDS 8.0
 * (TLS first, ALPN {@code tds/8.0}) on the same port to OFF or FORCE. The certificate is the builder's
 * ({@link Builder#certificate}) or, when none is given, a self-signed one generated at build time for
 * {@code localhost} and {@code 127.0.0.1} ({@link #certificate()} gives it to a client's trust store).
 * TDS 7.x connections never use TLS 1.3. What each connection negotiated is recorded
 * ({@link #connections()}, {@link #awaitConnections}, {@link Builder#onConnection}):
 *
 * <pre>
 * server = EmbeddedTdsServer.builder().encryption(BackendEncryption.FORCE).certificate(keyMaterial).build().start();
 * DriverManager.getConnection(server.jdbcUrl() + ";trustStore=...;trustStorePassword=...", "sa", password).close();
 * assert server.connections().get(0).mode() == EncryptionMode.FULL_TLS; // encrypt=false, but the server forces TLS
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
    private final EmbeddedTls tls;
    private final ConnectionLog connectionLog;
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
        this.tls = b.tls;
        this.connectionLog = new ConnectionLog(b.listener);
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
            ServerSettings settings = new ServerSettings(logins, database, encryption, h2, workers, new AtomicInteger(51),
                    tls, connectionLog);
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(boss, io)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            channels.add(ch);
                            // TLS handlers come and go in front of FRAME_DECODER (EmbeddedHandlerNames).
                            TdsConnection connection = new TdsConnection(ch, settings);
                            ch.pipeline()
                                    .addLast(EmbeddedHandlerNames.FRAME_DECODER, new TdsPacketFramer())
                                    .addLast(EmbeddedHandlerNames.MESSAGE_ASSEMBLER,
                                            new TdsMessageAssembler(ServerSettings.MAX_MESSAGE_BYTES))
                                    .addLast(EmbeddedHandlerNames.SESSION, new SessionHandler(connection));
                            connection.tls().installInitial(ch.pipeline());
                        }
                    });
            serverChannel = bootstrap.bind(host, requestedPort).syncUninterruptibly().channel();
            port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
            LOG.info("embedded TDS server {} listening on {}:{} database={} encryption={} tls={}", instance, host, port,
                    database, encryption, tls);
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

    /** The encryption policy. */
    public BackendEncryption encryption() {
        return encryption;
    }

    /** Whether TDS 8.0 (strict) connections are accepted on this server's port. */
    public boolean acceptsStrict() {
        return tls != null && tls.strict().isPresent();
    }

    /** The server certificate (leaf), absent for {@link BackendEncryption#NOT_SUP}. */
    public Optional<X509Certificate> certificate() {
        return tls == null ? Optional.empty() : Optional.of(tls.material().leaf());
    }

    /** The key and chain the server presents, absent for {@link BackendEncryption#NOT_SUP}. */
    public Optional<KeyMaterial> keyMaterial() {
        return tls == null ? Optional.empty() : Optional.of(tls.material());
    }

    /**
     * What each connection negotiated so far, in the order the records were published (see
     * {@link ConnectionSecurity} for when that is). The list only grows: a test sharing one server
     * across steps notes its size before a step and looks at the records after that index.
     */
    public List<ConnectionSecurity> connections() {
        return connectionLog.snapshot();
    }

    /**
     * Waits until at least {@code count} connections have published their record (for example the
     * record of a TLS handshake the client aborted, which the server learns of only when the socket
     * closes) and returns them all.
     *
     * @throws TimeoutException when fewer arrived within {@code timeout}
     */
    public List<ConnectionSecurity> awaitConnections(int count, Duration timeout)
            throws InterruptedException, TimeoutException {
        return connectionLog.await(count, timeout);
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
        private KeyMaterial keyMaterial;
        private List<String> tlsProtocols = List.of(TlsProtocols.TLS_1_2, TlsProtocols.TLS_1_3);
        private TlsProvider tlsProvider = TlsProvider.preferred();
        private boolean acceptStrict;
        private Consumer<ConnectionSecurity> listener;
        private EmbeddedTls tls;

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

        /** Encryption policy, default {@link BackendEncryption#NOT_SUP}. */
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

        /** The certificate chain (leaf first) and key to present; default: a generated self-signed one. */
        public Builder certificate(KeyMaterial material) {
            this.keyMaterial = Objects.requireNonNull(material, "material");
            return this;
        }

        /**
         * Loads the certificate (PEM chain leaf first, DER or PKCS#12) and its unencrypted private key, as mssql-conf {@code network.tlscert} / {@code network.tlskey} name them.
         *
         * @throws io.tdsproxy.tls.KeyMaterialException naming the file and what is wrong with it
         */
        public Builder certificate(Path certificateFile, Path keyFile) {
            this.keyMaterial = KeyMaterialLoader.load(certificateFile, keyFile, null);
            return this;
        }

        /**
         * TLS versions, e.g. {@code "1.2"} or {@code "1.2,1.3"} (mssql-conf {@code network.tlsprotocols});
         * default 1.2 and 1.3. TDS 7.x connections use the list without 1.3, strict ones its 1.2/1.3 entries.
         *
         * @throws IllegalArgumentException naming a token that is not a TLS version
         */
        public Builder tlsProtocols(String protocols) {
            this.tlsProtocols = TlsProtocols.parse(protocols);
            return this;
        }

        /** The TLS implementation; default BoringSSL (netty-tcnative) when available, else the JDK. */
        public Builder tlsProvider(TlsProvider provider) {
            this.tlsProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * With {@link BackendEncryption#OFF} or {@link BackendEncryption#FORCE}: also accept TDS 8.0
         * (strict) connections on the same port, told apart by their first byte (0x16), as SQL Server 2022
         * does without Force Strict Encryption. Implied by {@link BackendEncryption#STRICT}; default false
         * (a server without TDS 8.0, like SQL Server 2019, which closes such a connection).
         */
        public Builder acceptStrict(boolean accept) {
            this.acceptStrict = accept;
            return this;
        }

        /** Called on the event loop with each connection's record; keep it short and non-blocking. */
        public Builder onConnection(Consumer<ConnectionSecurity> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the TLS contexts (generating a certificate if needed); nothing is bound yet.
         *
         * @throws IllegalArgumentException for {@code acceptStrict} with NOT_SUP, a certificate with
         *                                  NOT_SUP, or a protocol list that leaves a path in use empty
         * @throws IllegalStateException    when the TLS provider rejects the key material
         */
        public EmbeddedTdsServer build() {
            boolean strict = encryption == BackendEncryption.STRICT || acceptStrict;
            if (!encryption.needsCertificate()) {
                if (acceptStrict || keyMaterial != null) {
                    throw new IllegalArgumentException("BackendEncryption.NOT_SUP has no TLS: "
                            + "no certificate and no strict connections; choose OFF, FORCE or STRICT");
                }
                tls = null;
            } else {
                KeyMaterial material = keyMaterial != null ? keyMaterial : selfSigned();
                tls = EmbeddedTls.create(material, tlsProtocols, tlsProvider, strict);
            }
            return new EmbeddedTdsServer(this);
        }

        private static KeyMaterial selfSigned() {
            return CertificateGenerator.builder().subject("localhost").sans("127.0.0.1").keyType(KeyType.EC_P256)
                    .generate().keyMaterial();
        }
    }
}
