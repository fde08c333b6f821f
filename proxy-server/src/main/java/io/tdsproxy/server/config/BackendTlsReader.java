package io.tdsproxy.server.config;

import io.tdsproxy.tls.TlsProtocols;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads the backend-leg encryption keys of {@code [backend]} ({@code encrypt}, {@code trustservercertificate},
 * {@code cafile}, {@code hostnameincertificate}, {@code tlsprotocols}) into a {@link BackendTlsConfig}.
 * Verification keys set while {@code encrypt = off} are reported: they would silently do nothing.
 */
final class BackendTlsReader {
    private static final List<String> VERIFY_KEYS = List.of("trustservercertificate", "cafile",
            "hostnameincertificate", "tlsprotocols");

    private BackendTlsReader() {
    }

    /** The settings, or {@link BackendTlsConfig#OFF} defaults; problems go to the reader's list. */
    static BackendTlsConfig read(SectionReader s, Path baseDir) {
        BackendEncrypt encrypt = s.parsed("encrypt", "off, login, on or strict", BackendEncrypt::parse)
                .orElse(BackendEncrypt.OFF);
        boolean trustAll = s.parsed("trustservercertificate", "0 or 1", ConfigLoader::zeroOrOne).orElse(false);
        Optional<Path> caFile = s.parsed("cafile", "a readable PEM file of CA certificates",
                v -> ConfigLoader.readableFile(baseDir, v));
        Optional<String> name = s.parsed("hostnameincertificate", "a host name without whitespace", v -> {
            if (v.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("contains whitespace");
            }
            return v;
        });
        List<String> protocols = s.parsed("tlsprotocols", "a comma-separated list of 1.0, 1.1, 1.2, 1.3",
                TlsProtocols::parse).orElseGet(() -> TlsProtocols.parse(BackendTlsConfig.DEFAULT_PROTOCOLS));
        if (encrypt == BackendEncrypt.OFF) {
            for (String key : VERIFY_KEYS) {
                s.entry(key).ifPresent(e -> s.problem(e,
                        "has no effect with encrypt = off; expected encrypt = login, on or strict as well"));
            }
        } else if (s.entry("tlsprotocols").isPresent()) {
            checkProtocols(s, encrypt, protocols);
        }
        if (trustAll && (caFile.isPresent() || name.isPresent())) {
            s.problem(s.entry("trustservercertificate").orElseThrow(),
                    "= 1 turns off the checks that cafile / hostnameincertificate configure; expected only one of them");
        }
        return new BackendTlsConfig(encrypt, trustAll, caFile.orElse(null), name.orElse(null), protocols);
    }

    private static void checkProtocols(SectionReader s, BackendEncrypt encrypt, List<String> protocols) {
        try {
            if (encrypt == BackendEncrypt.STRICT) {
                TlsProtocols.forStrict(protocols);
            } else {
                TlsProtocols.forTds7(protocols);
            }
        } catch (IllegalArgumentException e) {
            s.problem(s.entry("tlsprotocols").orElseThrow(), "does not fit encrypt = " + encrypt.configValue()
                    + " (" + e.getMessage() + ")");
        }
    }
}
