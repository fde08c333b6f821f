package io.tdsproxy.server.cli;

import java.io.PrintStream;

/**
 * Connection strings for the demo proxy in the forms SQL Server's documentation lists for
 * client-initiated encryption (sqlcmd -N, ADO.NET / ODBC / JDBC Encrypt=true with a trusted CA).
 */
final class DemoConnectionStrings {
    private DemoConnectionStrings() {
    }

    static void print(PrintStream out, int port, String user, String password, DemoCertificates certificates) {
        out.println("Connect (install " + certificates.certificate() + " as a trusted certificate on the client, "
                + "or use TrustServerCertificate / sqlcmd -C):");
        out.println("  sqlcmd:  sqlcmd -S localhost," + port + " -N -U " + user + " -P '" + password + "'");
        out.println("  JDBC:    " + DemoQuery.jdbcUrl(port, certificates) + ";user=" + user + ";password=" + password);
        out.println("  ODBC:    Driver={ODBC Driver 18 for SQL Server};Server=localhost," + port
                + ";Encrypt=yes;TrustServerCertificate=no;UID=" + user + ";PWD=" + password);
        out.println("  ADO.NET: Server=localhost," + port + ";Encrypt=True;TrustServerCertificate=False;User ID="
                + user + ";Password=" + password);
    }
}
