package io.tdsproxy.testkit.clients;

import java.util.HexFormat;

/**
 * The row of every issue-2 type that the FreeTDS client tests create (the same values as the JDBC
 * scenarios), written as T-SQL literals because {@code tsql} has no parameters.
 */
final class FreeTdsTypesRow {
    /** A long string (more than nvarchar(4000) holds) for the MAX types. */
    static final String LONG_TEXT = "0123456789abcdefghij".repeat(600);
    /** A long binary value for varbinary(max). */
    static final byte[] LONG_BYTES = new byte[20_000];
    static final String UNICODE = "h\u00e9llo \u00fcn\u00efcode \u2713";
    static final String COLUMNS = "i, b, sm, ti, bt, f, r, d, n, nv, v, nvm, vm, vb, vbm, dt, tm, dt2, dtm, u";

    static {
        for (int i = 0; i < LONG_BYTES.length; i++) {
            LONG_BYTES[i] = (byte) (i * 31);
        }
    }

    private FreeTdsTypesRow() {
    }

    /** Creates {@code table} and inserts row 1 holding every type and row 2 holding only NULLs. */
    static String[] create(String table) {
        return new String[] {
            "CREATE TABLE " + table + " (id int primary key, i int, b bigint, sm smallint, ti tinyint, bt bit, f float, "
                    + "r real, d decimal(12,3), n numeric(5,0), nv nvarchar(50), v varchar(20), nvm nvarchar(max), "
                    + "vm varchar(max), vb varbinary(10), vbm varbinary(max), dt date, tm time(7), dt2 datetime2(7), "
                    + "dtm datetime, u uniqueidentifier)",
            "INSERT INTO " + table + " VALUES (1, 2147483647, 9223372036854775807, -32768, 127, 1, 1.5E300, 3.25, "
                    + "123456789.125, 12345, N'" + UNICODE + "', 'plain', REPEAT(N'0123456789abcdefghij', 600), "
                    + "REPEAT('0123456789ABCDEFGHIJ', 600), 0x0102FF, 0x" + HexFormat.of().formatHex(LONG_BYTES) + ", "
                    + "'2024-02-29', '23:59:59.1234567', '2024-02-29 12:34:56.1234567', '2024-02-29 12:34:56.123', "
                    + "'6F9619FF-8B86-D011-B42D-00C04FC964FF')",
            "INSERT INTO " + table + " (id) VALUES (2)"
        };
    }

    /** The query reading both rows. */
    static String select(String table) {
        return "SELECT " + COLUMNS + " FROM " + table + " ORDER BY id";
    }
}
