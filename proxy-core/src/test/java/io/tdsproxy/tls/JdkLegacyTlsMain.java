package io.tdsproxy.tls;

import io.netty.handler.ssl.SslContext;
import io.tdsproxy.netty.TdsBytes;
import io.tdsproxy.netty.TlsShuttle;
import io.tdsproxy.netty.TlsShuttle.Delivery;
import io.tdsproxy.netty.TlsShuttle.End;
import io.tdsproxy.netty.TlsShuttle.Transcript;

import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Run by {@link JdkLegacyTlsForkTest} in a fresh JVM: removes TLSv1 and TLSv1.1 from
 * {@code jdk.tls.disabledAlgorithms} before anything touches JSSE (the JDK reads the property once),
 * then runs TDS 7.x handshakes involving the JDK provider and prints one {@code RESULT} line each:
 * {@code RESULT <server> <listed> <client> <offered> <negotiated protocol or REFUSED>}.
 */
public final class JdkLegacyTlsMain {
    private JdkLegacyTlsMain() {
    }

    public static void main(String[] args) {
        String disabled = Security.getProperty("jdk.tls.disabledAlgorithms");
        String relaxed = Arrays.stream(disabled.split(","))
                .map(String::trim)
                .filter(t -> !t.equals("TLSv1") && !t.equals("TLSv1.1"))
                .collect(Collectors.joining(", "));
        Security.setProperty("jdk.tls.disabledAlgorithms", relaxed);
        System.out.println("DISABLED " + relaxed);

        List<String[]> cases = new ArrayList<>();
        for (String offered : new String[] {"1.0", "1.1", "1.2"}) {
            cases.add(new String[] {"JDK", "1.0,1.1,1.2", "JDK", offered});
            cases.add(new String[] {"OPENSSL", "1.0,1.1,1.2", "JDK", offered});
            cases.add(new String[] {"JDK", "1.0,1.1,1.2", "OPENSSL", offered});
        }
        cases.add(new String[] {"JDK", "1.2", "JDK", "1.0"});
        cases.add(new String[] {"JDK", "1.2", "JDK", "1.1"});
        cases.add(new String[] {"OPENSSL", "1.2", "JDK", "1.0"});
        cases.add(new String[] {"JDK", "1.1", "JDK", "1.2"});
        for (String[] c : cases) {
            System.out.println("RESULT " + String.join(" ", c) + " " + run(c));
        }
    }

    private static String run(String[] c) {
        SslContext server = ServerTlsContexts.tds7(TestPki.server(KeyType.RSA_2048).keyMaterial(),
                TlsProtocols.parse(c[1]), null, TlsProvider.valueOf(c[0]));
        SslContext client = ClientTlsContexts.tds7(TrustSettings.trustAll(), TlsProtocols.parse(c[3]),
                TlsProvider.valueOf(c[2]));
        try (End s = TlsShuttle.tds7Server(server); End cl = TlsShuttle.tds7Client(client, TestPki.HOST)) {
            Transcript t = TlsShuttle.handshake(cl, s, Delivery.AS_WRITTEN);
            if (!t.succeeded()) {
                return "REFUSED";
            }
            byte[] login = TdsBytes.login7Packet(0x01, 700);
            cl.send(login);
            TlsShuttle.pump(cl, s);
            if (!Arrays.equals(s.sink.bytes(), login)) {
                return "DATA-MISMATCH";
            }
            return s.ssl.engine().getSession().getProtocol() + "/" + cl.ssl.engine().getSession().getProtocol();
        }
    }
}
