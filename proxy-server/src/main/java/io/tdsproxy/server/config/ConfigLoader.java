package io.tdsproxy.server.config;

import io.netty.util.NetUtil;
import io.tdsproxy.tls.Secret;
import io.tdsproxy.tls.TlsProtocols;
import io.tdsproxy.tls.TlsProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an {@code mssql.conf}-style file into a validated {@link ProxyConfig}.
 *
 * <p>This class reads {@code [network]} (the keys SQL Server on Linux defines there, with the same
 * meaning and defaults, plus {@code tlsprovider}) and {@code [backend]}; {@link SettingsLoader} adds the
 * proxy's own {@code [proxy]} and {@code [admin]} sections and the environment / {@code --set} overrides. Sections it does not own
 * ({@code [sqlagent]}, {@code [memory]}, ...) are ignored so that a real {@code mssql.conf} can be
 * reused; unknown keys inside owned sections are errors so that a typo never silently becomes a
 * default. All problems are collected and reported together, each as
 * {@code file:line: [section] key <what is wrong>; expected <what would be right>}.
 *
 * <p>Relative paths ({@code tlscert}, {@code tlskey}, {@code tlskeypasswordfile}) are resolved against
 * the directory of the configuration file.
 */
public final class ConfigLoader {
    static final String NETWORK = "network";
    static final String BACKEND = "backend";
    static final Set<String> NETWORK_KEYS = Set.of("tlscert", "tlskey", "tlskeypassword", "tlskeypasswordfile",
            "tlsprotocols", "tlsciphers", "forceencryption", "tcpport", "ipaddress", "tlsprovider", "forcestrict");
    static final Set<String> BACKEND_KEYS = Set.of("host", "port", "encrypt", "trustservercertificate", "cafile",
            "hostnameincertificate", "tlsprotocols");
    /**
     * {@code [network]} keys SQL Server on Linux reads that mean nothing to the proxy (Kerberos, the
     * DTC port): accepted and ignored, so that SQL Server's own mssql.conf passes validation.
     */
    static final Set<String> SQL_SERVER_ONLY_NETWORK_KEYS = Set.of("kerberoskeytabfile", "privilegedadaccount",
            "rpcport", "forcesecureldap", "disablesssd", "enablekdcfromkrb5conf");
    /** Keys that only make sense with a certificate. */
    private static final List<String> TLS_ONLY_KEYS = List.of("tlskeypassword", "tlskeypasswordfile",
            "tlsprotocols", "tlsciphers", "tlsprovider");

    private ConfigLoader() {
    }

    /** Reads, parses and validates {@code file}. */
    public static ProxyConfig load(Path file) throws ConfigException {
        Path base = file.toAbsolutePath().getParent();
        return from(IniParser.parse(file), base);
    }

    /** Validates an already parsed document; relative paths resolve against {@code baseDir}. */
    public static ProxyConfig from(IniDocument document, Path baseDir) throws ConfigException {
        List<String> problems = new ArrayList<>();
        ProxyConfig config = read(document, baseDir, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    /**
     * Reads {@code [network]} and {@code [backend]}, adding every problem to {@code problems}; the
     * result is null when {@code problems} is not empty afterwards (including problems found before).
     */
    static ProxyConfig read(IniDocument document, Path baseDir, List<String> problems) {
        SectionReader network = new SectionReader(document, NETWORK, NETWORK_KEYS, SQL_SERVER_ONLY_NETWORK_KEYS,
                problems);
        SectionReader backend = new SectionReader(document, BACKEND, BACKEND_KEYS, Set.of(), problems);
        network.reportUnknownKeys();
        backend.reportUnknownKeys();
        NetworkConfig networkConfig = network(network, baseDir, problems);
        BackendConfig backendConfig = backend(backend, document, baseDir, problems);
        if (!problems.isEmpty()) {
            return null;
        }
        return new ProxyConfig(networkConfig, backendConfig, origins(document));
    }

    private static NetworkConfig network(SectionReader s, Path baseDir, List<String> problems) {
        String ip = s.parsed("ipaddress", "an IPv4 or IPv6 address such as 0.0.0.0 or ::", ConfigLoader::ipLiteral)
                .orElse(NetworkConfig.DEFAULT_IP_ADDRESS);
        int port = s.integer("tcpport", 0, 65535, NetworkConfig.DEFAULT_TCP_PORT, "a TCP port 1..65535 (0: any free port)");
        boolean force = s.parsed("forceencryption", "0 or 1", ConfigLoader::zeroOrOne).orElse(false);
        boolean strict = s.parsed("forcestrict", "0 or 1", ConfigLoader::zeroOrOne).orElse(false);
        Optional<TlsConfig> tls = tls(s, baseDir, problems);
        if (force && tls.isEmpty() && !s.entry("tlscert").isPresent()) {
            s.problem(s.entry("forceencryption").orElseThrow(),
                    "= 1 needs a certificate; expected tlscert and tlskey in [network] as well");
        }
        if (strict && tls.isEmpty() && !s.entry("tlscert").isPresent()) {
            s.problem(s.entry("forcestrict").orElseThrow(),
                    "= 1 needs a certificate; expected tlscert and tlskey in [network] as well");
        }
        if (problems.isEmpty()) {
            return new NetworkConfig(ip, port, force, tls, strict);
        }
        return null;
    }

    private static Optional<TlsConfig> tls(SectionReader s, Path baseDir, List<String> problems) {
        Optional<Path> cert = s.parsed("tlscert", "a readable certificate file (PEM or PKCS#12)",
                v -> readableFile(baseDir, v));
        Optional<Path> key = s.parsed("tlskey", "a readable private key file (PEM)", v -> readableFile(baseDir, v));
        Optional<IniEntry> certEntry = s.entry("tlscert");
        Optional<IniEntry> keyEntry = s.entry("tlskey");
        if (certEntry.isPresent() != keyEntry.isPresent()) {
            IniEntry lone = certEntry.orElseGet(keyEntry::orElseThrow);
            s.problem(lone, "is set alone; expected both tlscert and tlskey, as SQL Server on Linux requires");
        }
        if (certEntry.isEmpty() && keyEntry.isEmpty()) {
            for (String k : TLS_ONLY_KEYS) {
                s.entry(k).ifPresent(e -> s.problem(e, "has no effect without a certificate; expected tlscert and tlskey too"));
            }
            return Optional.empty();
        }
        Secret password = keyPassword(s, baseDir);
        List<String> protocols = s.parsed("tlsprotocols", "a comma-separated list of 1.0, 1.1, 1.2, 1.3",
                TlsProtocols::parse).orElseGet(() -> TlsProtocols.parse(TlsConfig.DEFAULT_PROTOCOLS));
        String ciphers = s.string("tlsciphers", "an OpenSSL cipher list").orElse(null);
        TlsProvider provider = s.parsed("tlsprovider", "openssl or jdk", TlsProvider::parse)
                .orElse(TlsConfig.DEFAULT_PROVIDER);
        if (!problems.isEmpty() || cert.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TlsConfig(cert.get(), key.get(), password, protocols, ciphers, provider));
    }

    private static Secret keyPassword(SectionReader s, Path baseDir) {
        Optional<IniEntry> inline = s.entry("tlskeypassword");
        Optional<IniEntry> file = s.entry("tlskeypasswordfile");
        if (inline.isPresent() && file.isPresent()) {
            s.problem(file.get(), "conflicts with tlskeypassword at line " + inline.get().location().line()
                    + "; expected only one of them");
            return null;
        }
        if (inline.isPresent()) {
            return s.string("tlskeypassword", "the private key passphrase").map(Secret::of).orElse(null);
        }
        return s.parsed("tlskeypasswordfile", "a readable file holding the passphrase on its first line",
                v -> Secret.of(firstLine(readableFile(baseDir, v)))).orElse(null);
    }

    private static BackendConfig backend(SectionReader s, IniDocument document, Path baseDir, List<String> problems) {
        if (!s.present()) {
            problems.add(document.source() + ": [backend] section is missing; expected [backend] with host = <SQL Server host>");
            return null;
        }
        Optional<String> host = s.parsed("host", "a host name or IP address", v -> {
            if (v.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("contains whitespace");
            }
            return v;
        });
        if (s.entry("host").isEmpty()) {
            s.problem("has no host; expected host = <SQL Server host>");
        }
        int port = s.integer("port", 1, 65535, BackendConfig.DEFAULT_PORT, "a TCP port 1..65535");
        BackendTlsConfig tls = BackendTlsReader.read(s, baseDir);
        return host.isPresent() && problems.isEmpty() ? new BackendConfig(host.get(), port, tls) : null;
    }

    /** {@code value} when it is an IPv4 or IPv6 literal (no host names: the proxy binds what it is told). */
    static String ipLiteral(String value) {
        if (!NetUtil.isValidIpV4Address(value) && !NetUtil.isValidIpV6Address(value)) {
            throw new IllegalArgumentException("not an IP address");
        }
        return value;
    }

    /** mssql.conf's booleans: {@code 0} or {@code 1}. */
    static boolean zeroOrOne(String value) {
        switch (value) {
            case "0":
                return false;
            case "1":
                return true;
            default:
                throw new IllegalArgumentException("not 0 or 1");
        }
    }

    static Path readableFile(Path baseDir, String value) {
        Path path = baseDir == null ? Path.of(value) : baseDir.resolve(value);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(path + " does not exist or is not a file");
        }
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException(path + " is not readable by this user");
        }
        return path;
    }

    private static String firstLine(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (line.isEmpty()) {
                throw new IllegalArgumentException(file + " has an empty first line");
            }
            return line;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Location> origins(IniDocument document) {
        Map<String, Location> origins = new HashMap<>();
        for (String section : ConfigSections.KEYS.keySet()) {
            document.section(section).ifPresent(s -> s.entries().forEach(e ->
                    origins.put(section + "." + e.key().toLowerCase(Locale.ROOT), e.location())));
        }
        return origins;
    }
}
