package io.tdsproxy.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

import java.security.Security;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which TLS implementation the contexts use: BoringSSL through netty-tcnative (the default, faster,
 * and able to speak TLS 1.0/1.1 without touching the JVM's security properties) or the JDK's
 * {@code SSLEngine}.
 */
public enum TlsProvider {
    /** netty-tcnative (BoringSSL). */
    OPENSSL(SslProvider.OPENSSL),
    /** The JDK's JSSE {@code SSLEngine}. */
    JDK(SslProvider.JDK);

    private final SslProvider netty;

    TlsProvider(SslProvider netty) {
        this.netty = netty;
    }

    /** The provider the project uses unless configured otherwise. */
    public static TlsProvider defaultProvider() {
        return OPENSSL;
    }

    /** {@link #OPENSSL} when it is available here, else {@link #JDK}. */
    public static TlsProvider preferred() {
        return OPENSSL.availability().available() ? OPENSSL : JDK;
    }

    /**
     * Parses {@code openssl}, {@code boringssl}, {@code tcnative} or {@code jdk} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value
     */
    public static TlsProvider parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "openssl":
            case "boringssl":
            case "tcnative":
                return OPENSSL;
            case "jdk":
            case "jsse":
                return JDK;
            default:
                throw new IllegalArgumentException("unknown TLS provider '" + value + "' (expected openssl or jdk)");
        }
    }

    /** Netty's name for this provider. */
    public SslProvider nettyProvider() {
        return netty;
    }

    /** Whether this provider works in this process and, if not, why (for the caller to log). */
    public Availability availability() {
        if (this == JDK) {
            return new Availability(true, "JDK " + System.getProperty("java.version"));
        }
        if (!OpenSsl.isAvailable()) {
            Throwable cause = OpenSsl.unavailabilityCause();
            return new Availability(false, "netty-tcnative is not usable: "
                    + (cause == null ? "unknown reason" : cause.toString()));
        }
        if (!OpenSsl.isAlpnSupported()) {
            return new Availability(false, OpenSsl.versionString() + " has no ALPN support, needed for TDS 8.0");
        }
        return new Availability(true, OpenSsl.versionString());
    }

    /**
     * The TLS protocol names that {@code jdk.tls.disabledAlgorithms} switches off for the JDK provider
     * in this JVM (typically TLSv1 and TLSv1.1). The OPENSSL provider ignores that property.
     */
    public static Set<String> jdkDisabledProtocols() {
        Set<String> disabled = new LinkedHashSet<>();
        String property = Security.getProperty("jdk.tls.disabledAlgorithms");
        if (property != null) {
            for (String token : property.split(",")) {
                String t = token.trim();
                if (t.equals(TlsProtocols.TLS_1_0) || t.equals(TlsProtocols.TLS_1_1)
                        || t.equals(TlsProtocols.TLS_1_2) || t.equals(TlsProtocols.TLS_1_3)) {
                    disabled.add(t);
                }
            }
        }
        return disabled;
    }

    /**
     * @param available whether the provider can be used
     * @param reason    the implementation's version when available, else why not
     */
    public record Availability(boolean available, String reason) {
    }
}
