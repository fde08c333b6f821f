package io.tdsproxy.testkit.clients;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs tedious, the Node.js TDS client (TLS through Node's OpenSSL), as a real client: the committed
 * script {@code proxy-testkit/src/test/node/client.js} gets this configuration as JSON on standard
 * input, opens one connection, runs the statements in order and prints a {@link TediousReport}.
 *
 * <p>tedious comes from {@code npm ci --prefix proxy-testkit/src/test/node} (pinned by the committed
 * lock file; {@code .ci/run} does it). The repository is found through the system property
 * {@code tdsproxy.repo} that the build sets, else by walking up from the working directory; a missing
 * install fails with the command to run, never a skip.
 */
public final class TediousClient {
    /** Where the script and its {@code node_modules} live, relative to the repository root. */
    public static final String NODE_DIR = "proxy-testkit/src/test/node";

    private final Map<String, Object> config = new LinkedHashMap<>();
    private final List<Object> statements = new ArrayList<>();
    private Duration timeout = Duration.ofSeconds(90);

    private TediousClient(String host, int port) {
        config.put("server", host);
        config.put("port", port);
        config.put("encrypt", false);
    }

    /** A client for {@code host:port}, {@code encrypt:false} until told otherwise. */
    public static TediousClient connectTo(String host, int port) {
        return new TediousClient(host, port);
    }

    /** SQL authentication. The password reaches the child on standard input, never its command line. */
    public TediousClient login(String user, String password) {
        config.put("user", user);
        config.put("password", password);
        return this;
    }

    /** tedious's {@code options.encrypt}: true sends PRELOGIN ENCRYPT_ON, false ENCRYPT_NOT_SUP. */
    public TediousClient encrypt(boolean encrypt) {
        config.put("encrypt", encrypt);
        return this;
    }

    /** {@code encrypt:'strict'}: TDS 8.0, TLS before any TDS byte (ALPN {@code tds/8.0}). */
    public TediousClient encryptStrict() {
        config.put("encrypt", "strict");
        return this;
    }

    /** {@code options.trustServerCertificate}. */
    public TediousClient trustServerCertificate(boolean trust) {
        config.put("trustServerCertificate", trust);
        return this;
    }

    /** A PEM file of trusted CAs, passed as {@code cryptoCredentialsDetails.ca}. */
    public TediousClient trustedCa(Path caPem) {
        config.put("caFile", caPem.toAbsolutePath().toString());
        return this;
    }

    /** {@code options.serverName}: the name the certificate must carry (and the TLS SNI). */
    public TediousClient serverName(String serverName) {
        config.put("serverName", serverName);
        return this;
    }

    /** Node's {@code minVersion}/{@code maxVersion}, e.g. {@code TLSv1}, {@code TLSv1.2}. */
    public TediousClient tlsVersions(String min, String max) {
        config.put("minVersion", min);
        config.put("maxVersion", max);
        return this;
    }

    /** An OpenSSL cipher string for Node, e.g. {@code DEFAULT@SECLEVEL=0} to allow TLS 1.0/1.1 at all. */
    public TediousClient ciphers(String ciphers) {
        config.put("ciphers", ciphers);
        return this;
    }

    /** The database to use after login. */
    public TediousClient database(String database) {
        config.put("database", database);
        return this;
    }

    /** A statement sent as a SQL batch. */
    public TediousClient sql(String sql) {
        return sql(sql, List.of());
    }

    /** A statement with parameters: tedious sends it as an {@code sp_executesql} RPC. */
    public TediousClient sql(String sql, List<Parameter> parameters) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("sql", sql);
        List<Object> params = new ArrayList<>();
        for (Parameter p : parameters) {
            Map<String, Object> param = new LinkedHashMap<>();
            param.put("name", p.name());
            param.put("type", p.type());
            param.put("value", p.value());
            param.put("options", p.options());
            params.add(param);
        }
        statement.put("params", params);
        statements.add(statement);
        return this;
    }

    /** The longest the child may run. */
    public TediousClient timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** Runs tedious and returns what it reported; a crash of the script itself is an exception. */
    public TediousReport run() {
        Path nodeDir = nodeDirectory();
        Map<String, Object> input = new LinkedHashMap<>(config);
        input.put("statements", statements);
        ExternalProcess.Result result = ExternalProcess.of("node", "client.js")
                .directory(nodeDir).stdin(Json.write(input)).timeout(timeout).run();
        String last = result.stdout().strip();
        int lineStart = last.lastIndexOf('\n');
        if (result.exitCode() != 0 || last.isEmpty()) {
            throw new IllegalStateException("tedious client failed: " + result.describe());
        }
        return TediousReport.from(Json.parse(last.substring(lineStart + 1)), result.stderr());
    }

    /** The folder holding {@code client.js} and an installed tedious, or a clear failure. */
    static Path nodeDirectory() {
        Path repo = repositoryRoot();
        Path dir = repo.resolve(NODE_DIR);
        if (!Files.isRegularFile(dir.resolve("client.js"))) {
            throw new IllegalStateException("no " + NODE_DIR + "/client.js under " + repo);
        }
        if (!Files.isRegularFile(dir.resolve("node_modules/tedious/package.json"))) {
            throw new IllegalStateException("tedious is not installed in " + dir + ": run `npm ci --prefix "
                    + NODE_DIR + "` from the repository root (.ci/run does)");
        }
        return dir;
    }

    private static Path repositoryRoot() {
        String property = System.getProperty("tdsproxy.repo");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(NODE_DIR))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository: set -Dtdsproxy.repo=<root> (the build does)");
    }

    /**
     * One statement parameter, as tedious's {@code request.addParameter(name, TYPES[type], value, options)}.
     * Binary values are hex text; date and time values ISO-8601 text (both converted in the script).
     *
     * @param name    the parameter name without {@code @}
     * @param type    a tedious {@code TYPES} key, e.g. {@code Int}, {@code NVarChar}, {@code DateTime2}
     * @param value   the value: a String, Number, Boolean or null
     * @param options tedious's options ({@code length}, {@code precision}, {@code scale}); may be empty
     */
    public record Parameter(String name, String type, Object value, Map<String, Object> options) {
        public Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            options = Map.copyOf(options);
        }

        /** A parameter without options. */
        public static Parameter of(String name, String type, Object value) {
            return new Parameter(name, type, value, Map.of());
        }
    }
}
