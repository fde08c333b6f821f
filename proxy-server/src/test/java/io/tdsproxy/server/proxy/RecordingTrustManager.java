package io.tdsproxy.server.proxy;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A trust manager for mssql-jdbc's {@code trustManagerClass} that records the serial number of the
 * certificate each connection was shown (keyed by {@code trustManagerConstructorArg}), then checks the
 * chain against the test CA given to {@link #trust} like any PKIX trust manager.
 */
public final class RecordingTrustManager implements X509TrustManager {
    private static final Map<String, BigInteger> SERIALS = new ConcurrentHashMap<>();
    private static volatile X509TrustManager delegate;

    private final String key;

    /** Called by mssql-jdbc with {@code trustManagerConstructorArg}. */
    public RecordingTrustManager(String key) {
        this.key = key;
    }

    /** Trust exactly {@code ca} from now on. */
    public static void trust(X509Certificate ca) throws GeneralSecurityException, java.io.IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        delegate = (X509TrustManager) factory.getTrustManagers()[0];
    }

    /** The serial of the certificate the connection opened with {@code key} saw. */
    public static BigInteger serialSeenBy(String key) {
        BigInteger serial = SERIALS.get(key);
        if (serial == null) {
            throw new AssertionError("no certificate recorded for " + key);
        }
        return serial;
    }

    /** The connection-string fragment that makes mssql-jdbc use this class under {@code key}. */
    public static String jdbcProperties(String key) {
        return ";encrypt=true;trustManagerClass=" + RecordingTrustManager.class.getName()
                + ";trustManagerConstructorArg=" + key;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        SERIALS.put(key, chain[0].getSerialNumber());
        delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("not a client trust manager");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
