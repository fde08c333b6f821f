package io.tdsproxy.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * The TLS versions a client offered in its ClientHello, for explaining a failed handshake
 * ("proxy allows TLSv1.2, client offered TLSv1"). Read by {@link ClientHelloParser}.
 *
 * <p>Before TLS 1.3 a client names only its highest version ({@code legacy_version}, RFC 5246 7.4.1.2);
 * a TLS 1.3 capable client sets it to TLS 1.2 and lists every version it accepts in the
 * {@code supported_versions} extension (RFC 8446 4.2.1), which then is the whole truth.
 *
 * @param legacyVersion     {@code ClientHello.legacy_version}, e.g. {@code 0x0303}
 * @param supportedVersions the {@code supported_versions} extension's list in client order, GREASE values
 *                          (RFC 8701) left out; empty when the extension is absent
 * @param cipherSuiteCount  how many cipher suites the client offered
 */
public record ClientHelloVersions(int legacyVersion, List<Integer> supportedVersions, int cipherSuiteCount) {
    public ClientHelloVersions {
        supportedVersions = List.copyOf(supportedVersions);
    }

    /** The offered versions as JSSE names, newest first: the extension's list, or just the legacy version. */
    public List<String> offeredNames() {
        List<String> names = new ArrayList<>();
        if (supportedVersions.isEmpty()) {
            names.add(name(legacyVersion));
        } else {
            supportedVersions.forEach(v -> names.add(name(v)));
        }
        return names;
    }

    /**
     * In words, e.g. {@code "TLSv1.3, TLSv1.2"} or {@code "up to TLSv1"}: without the extension only the
     * highest version is known.
     */
    public String describe() {
        String names = String.join(", ", offeredNames());
        return supportedVersions.isEmpty() ? "up to " + names : names;
    }

    /**
     * The JSSE name of a TLS wire version ({@code 0x0301} is {@code TLSv1}), or its hex form when unknown.
     */
    public static String name(int version) {
        switch (version) {
            case 0x0300:
                return "SSLv3";
            case 0x0301:
                return TlsProtocols.TLS_1_0;
            case 0x0302:
                return TlsProtocols.TLS_1_1;
            case 0x0303:
                return TlsProtocols.TLS_1_2;
            case 0x0304:
                return TlsProtocols.TLS_1_3;
            default:
                return String.format("0x%04x", version);
        }
    }

    /** RFC 8701 GREASE values: {@code 0x0a0a, 0x1a1a, ..., 0xfafa}. */
    static boolean isGrease(int value) {
        return (value & 0x0f0f) == 0x0a0a && (value >> 8) == (value & 0xff);
    }
}
