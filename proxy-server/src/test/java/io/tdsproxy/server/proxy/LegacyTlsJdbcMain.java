package io.tdsproxy.server.proxy;

import java.security.Security;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Run by {@link LegacyTlsBridgeIT} in a fresh JVM: allows TLSv1 in {@code jdk.tls.disabledAlgorithms}
 * before JSSE reads it (once per JVM), then connects with mssql-jdbc to the URL in {@code args[0]}
 * (which restricts the driver to TLS 1.0 with {@code sslProtocol=TLSv1}), runs a query and prints
 * {@code RESULT <value>} and each connection warning as {@code WARNING <text>}.
 */
public final class LegacyTlsJdbcMain {
    private LegacyTlsJdbcMain() {
    }

    public static void main(String[] args) throws Exception {
        String relaxed = Arrays.stream(Security.getProperty("jdk.tls.disabledAlgorithms").split(","))
                .map(String::trim)
                .filter(t -> !t.equals("TLSv1") && !t.equals("TLSv1.1"))
                .collect(Collectors.joining(", "));
        Security.setProperty("jdk.tls.disabledAlgorithms", relaxed);
        try (Connection c = DriverManager.getConnection(args[0]);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 6 * 7")) {
            for (SQLWarning w = c.getWarnings(); w != null; w = w.getNextWarning()) {
                System.out.println("WARNING " + w.getMessage());
            }
            rs.next();
            System.out.println("RESULT " + rs.getInt(1));
        }
    }
}
