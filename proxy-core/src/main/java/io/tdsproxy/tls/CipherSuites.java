package io.tdsproxy.tls;

import io.netty.handler.ssl.CipherSuiteConverter;
import io.netty.handler.ssl.OpenSsl;
import io.netty.internal.tcnative.SSL;
import io.netty.internal.tcnative.SSLContext;

import javax.net.ssl.SSLParameters;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Cipher suite lists: the project's defaults, and mssql-conf {@code network.tlsciphers}, which takes an
 * OpenSSL-style list ({@code ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256}, keywords such
 * as {@code HIGH:!aNULL} too).
 *
 * <p>Results are Java (IANA) names; Netty maps them to OpenSSL names for the OPENSSL provider itself.
 * Like OpenSSL, the configured list governs TLS 1.2 and below: when TLS 1.3 is enabled and the list
 * names no TLS 1.3 suite, the TLS 1.3 defaults are appended.
 */
public final class CipherSuites {
    /** AEAD suites with forward secrecy first, then RSA key exchange for older clients. */
    static final List<String> MODERN = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_256_GCM_SHA384");
    /** CBC-SHA suites: the only ones TLS 1.0 and 1.1 can use, added when those versions are enabled. */
    static final List<String> LEGACY_CBC = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
            "TLS_RSA_WITH_AES_128_CBC_SHA",
            "TLS_RSA_WITH_AES_256_CBC_SHA");
    static final List<String> TLS13 = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");

    private CipherSuites() {
    }

    /**
     * The suites for a context.
     *
     * @param openSslList mssql-conf style list, or {@code null} for the defaults
     * @param protocols   JSSE protocol names the context enables
     * @param provider    the provider that must support the suites
     * @return supported suites in preference order, plus the configured names the provider lacks
     * @throws IllegalArgumentException when the list is malformed or nothing in it is supported
     */
    public static Resolution resolve(String openSslList, List<String> protocols, TlsProvider provider) {
        Set<String> wanted = new LinkedHashSet<>();
        if (openSslList == null || openSslList.isBlank()) {
            wanted.addAll(MODERN);
            if (TlsProtocols.includesLegacy(protocols)) {
                wanted.addAll(LEGACY_CBC);
            }
        } else {
            wanted.addAll(toJavaNames(openSslList));
        }
        if (protocols.contains(TlsProtocols.TLS_1_3) && wanted.stream().noneMatch(TLS13::contains)) {
            wanted.addAll(TLS13);
        }
        Set<String> supported = supportedBy(provider);
        List<String> kept = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String suite : wanted) {
            (supported.contains(suite) ? kept : missing).add(suite);
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no cipher suite of '" + openSslList + "' is supported by " + provider
                    + " (unsupported: " + missing + ")");
        }
        return new Resolution(List.copyOf(kept), List.copyOf(missing));
    }

    /**
     * Java names for an OpenSSL-style list. Plain suite names are converted one by one (IANA names
     * starting {@code TLS_} pass unchanged); a list with keywords or operators ({@code HIGH},
     * {@code !aNULL}, {@code +}, {@code @STRENGTH}) is expanded by BoringSSL.
     *
     * @throws IllegalArgumentException for a suite name neither the JDK nor BoringSSL knows, or a list
     *                                  BoringSSL cannot parse or that selects nothing
     */
    public static List<String> toJavaNames(String openSslList) {
        String[] tokens = openSslList.trim().split("[:,\\s]+");
        List<String> names = new ArrayList<>();
        boolean needsExpansion = false;
        for (String token : tokens) {
            if (token.startsWith("TLS_") || token.startsWith("SSL_")) {
                names.add(token);
                continue;
            }
            if (!isSuiteName(token)) {
                needsExpansion = true;
                break;
            }
            // The converter maps any dashed word syntactically, so check the result against real suites.
            String java = CipherSuiteConverter.toJava(token, "TLS");
            if (java == null || !knownSuites().contains(java)) {
                throw new IllegalArgumentException("unknown cipher suite '" + token + "' in '" + openSslList + "'");
            }
            names.add(java);
        }
        if (!needsExpansion) {
            return names;
        }
        names.clear();
        for (String openSsl : expandWithBoringSsl(openSslList)) {
            String java = CipherSuiteConverter.toJava(openSsl, "TLS");
            names.add(java != null ? java : openSsl);
        }
        return names;
    }

    /**
     * OpenSSL suite names have an inner dash ({@code AES128-SHA}); keywords ({@code HIGH}, {@code aRSA},
     * {@code AESGCM}) and rules with operators ({@code !}, {@code +}, {@code -}, {@code @}) do not.
     */
    private static boolean isSuiteName(String token) {
        return !token.isEmpty() && "!+-@".indexOf(token.charAt(0)) < 0 && token.indexOf('+') < 0
                && token.indexOf('-') > 0;
    }

    /** Every suite name the JDK or BoringSSL knows here. */
    private static Set<String> knownSuites() {
        return Known.SUITES;
    }

    /** Lazy holder: computed once, on first use (config time, never on an event loop). */
    private static final class Known {
        static final Set<String> SUITES = compute();

        private static Set<String> compute() {
            Set<String> all = new LinkedHashSet<>(supportedBy(TlsProvider.JDK));
            if (OpenSsl.isAvailable()) {
                all.addAll(supportedBy(TlsProvider.OPENSSL));
            }
            return Set.copyOf(all);
        }
    }

    /** Asks BoringSSL which suites a cipher string selects (TLS 1.2 and below). */
    static List<String> expandWithBoringSsl(String cipherString) {
        if (!OpenSsl.isAvailable()) {
            throw new IllegalArgumentException("cipher list '" + cipherString + "' uses OpenSSL keywords, which need "
                    + "netty-tcnative to expand; it is not available: " + OpenSsl.unavailabilityCause());
        }
        long ctx = 0;
        long ssl = 0;
        try {
            ctx = SSLContext.make(SSL.SSL_PROTOCOL_ALL, SSL.SSL_MODE_SERVER);
            SSLContext.setCipherSuite(ctx, cipherString.replace(',', ':'), false);
            ssl = SSL.newSSL(ctx, true);
            String[] ciphers = SSL.getCiphers(ssl);
            if (ciphers == null || ciphers.length == 0) {
                throw new IllegalArgumentException("cipher list '" + cipherString + "' selects no cipher suite");
            }
            return Arrays.asList(ciphers);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("cipher list '" + cipherString + "' is not valid: " + e.getMessage(), e);
        } finally {
            if (ssl != 0) {
                SSL.freeSSL(ssl);
            }
            if (ctx != 0) {
                SSLContext.free(ctx);
            }
        }
    }

    private static Set<String> supportedBy(TlsProvider provider) {
        if (provider == TlsProvider.OPENSSL) {
            Set<String> all = new LinkedHashSet<>();
            for (String openSsl : OpenSsl.availableOpenSslCipherSuites()) {
                String java = CipherSuiteConverter.toJava(openSsl, "TLS");
                if (java != null) {
                    all.add(java);
                }
            }
            all.addAll(TLS13);
            return all;
        }
        try {
            SSLParameters params = javax.net.ssl.SSLContext.getDefault().getSupportedSSLParameters();
            return new LinkedHashSet<>(Arrays.asList(params.getCipherSuites()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default SSLContext", e);
        }
    }

    /**
     * @param suites      what the context will use, in preference order
     * @param unsupported configured names the provider does not have (for the caller to log)
     */
    public record Resolution(List<String> suites, List<String> unsupported) {
    }
}
