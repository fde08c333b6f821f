package io.tdsproxy.testkit.clients;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one tedious run reported (see {@code client.js}): whether it connected, the TLS it negotiated,
 * its connection error, the ERROR tokens the server sent, and per statement the error or results.
 * Cell values are as tedious decoded them, in JSON: numbers as {@link BigDecimal}, strings, booleans,
 * null, and tagged maps {@code {bigint}}, {@code {hex}} and {@code {date, nanosecondsDelta}}.
 *
 * @param connected    whether the login succeeded
 * @param tlsProtocol  the TLS protocol Node negotiated (e.g. {@code TLSv1.2}), empty without TLS
 * @param tlsCipher    the cipher Node negotiated, empty without TLS
 * @param connectError the error of {@code connection.connect}, null when connected
 * @param serverErrors the ERROR tokens tedious saw on the connection, in order
 * @param statements   one outcome per statement, in order
 * @param stderr       the script's standard error (Node warnings), for assertion messages
 */
public record TediousReport(boolean connected, Optional<String> tlsProtocol, Optional<String> tlsCipher,
                            Failure connectError, List<ServerMessage> serverErrors, List<Outcome> statements,
                            String stderr) {

    @SuppressWarnings("unchecked")
    static TediousReport from(Object parsed, String stderr) {
        Map<String, Object> root = (Map<String, Object>) parsed;
        Map<String, Object> tls = (Map<String, Object>) root.get("tls");
        List<ServerMessage> serverErrors = new ArrayList<>();
        for (Object o : (List<Object>) root.get("serverErrors")) {
            Map<String, Object> m = (Map<String, Object>) o;
            serverErrors.add(new ServerMessage(intOf(m.get("number")), intOf(m.get("class")), (String) m.get("message")));
        }
        List<Outcome> statements = new ArrayList<>();
        for (Object o : (List<Object>) root.get("statements")) {
            Map<String, Object> m = (Map<String, Object>) o;
            List<ResultSet> sets = new ArrayList<>();
            for (Object s : (List<Object>) m.get("resultSets")) {
                Map<String, Object> set = (Map<String, Object>) s;
                List<String> names = new ArrayList<>();
                List<String> types = new ArrayList<>();
                for (Object c : (List<Object>) set.get("columns")) {
                    names.add((String) ((Map<String, Object>) c).get("name"));
                    types.add((String) ((Map<String, Object>) c).get("type"));
                }
                List<List<Object>> rows = new ArrayList<>();
                for (Object r : (List<Object>) set.get("rows")) {
                    rows.add((List<Object>) r);
                }
                sets.add(new ResultSet(names, types, rows));
            }
            Object rowCount = m.get("rowCount");
            statements.add(new Outcome(Failure.from(m.get("error")),
                    rowCount == null ? null : ((BigDecimal) rowCount).longValueExact(), sets));
        }
        return new TediousReport(Boolean.TRUE.equals(root.get("connected")),
                Optional.ofNullable(tls == null ? null : (String) tls.get("protocol")),
                Optional.ofNullable(tls == null ? null : (String) tls.get("cipher")),
                Failure.from(root.get("connectError")), serverErrors, statements, stderr);
    }

    private static Integer intOf(Object number) {
        return number == null ? null : ((BigDecimal) number).intValueExact();
    }

    /** The one statement outcome of a run with one statement, failing if the run did not connect. */
    public Outcome only() {
        if (!connected || statements.size() != 1) {
            throw new IllegalStateException("expected one statement on a connection: " + this);
        }
        return statements.get(0);
    }

    /**
     * A JavaScript error as tedious raised it.
     *
     * @param name    the error class ({@code ConnectionError}, {@code RequestError}, {@code Error})
     * @param message its message
     * @param code    tedious's code ({@code ELOGIN}, {@code EENCRYPT}, {@code ESOCKET}, {@code EREQUEST}) or Node's
     * @param number  the SQL Server error number for a {@code RequestError}, else null
     * @param cause   the error it wraps (e.g. Node's TLS error under an {@code ESOCKET}), or null
     */
    public record Failure(String name, String message, String code, Integer number, Failure cause) {
        @SuppressWarnings("unchecked")
        static Failure from(Object parsed) {
            if (parsed == null) {
                return null;
            }
            Map<String, Object> m = (Map<String, Object>) parsed;
            return new Failure((String) m.get("name"), (String) m.get("message"), (String) m.get("code"),
                    intOf(m.get("number")), from(m.get("cause")));
        }

        /** This message and those of its causes, joined by {@code " <- "}. */
        public String fullMessage() {
            return cause == null ? message : message + " <- " + cause.fullMessage();
        }
    }

    /**
     * One ERROR token.
     *
     * @param number   the error number, e.g. 18456
     * @param severity its class
     * @param message  its text
     */
    public record ServerMessage(Integer number, Integer severity, String message) {
    }

    /**
     * What one statement gave.
     *
     * @param error      the {@code RequestError}, null on success
     * @param rowCount   tedious's row count for the request
     * @param resultSets the result sets in order
     */
    public record Outcome(Failure error, Long rowCount, List<ResultSet> resultSets) {
    }

    /**
     * One result set.
     *
     * @param columnNames the column names
     * @param columnTypes tedious's type names ({@code IntN}, {@code NVarChar}, {@code DateTime2} ...)
     * @param rows        the cells, row by row
     */
    public record ResultSet(List<String> columnNames, List<String> columnTypes, List<List<Object>> rows) {
    }
}
