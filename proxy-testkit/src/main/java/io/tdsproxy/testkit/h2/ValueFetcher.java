package io.tdsproxy.testkit.h2;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads one column of the current row as the Java value {@code ValueCodec} expects for its TYPE_INFO. */
@FunctionalInterface
public interface ValueFetcher {
    /** The value of column {@code index} (1-based), {@code null} for SQL NULL. */
    Object fetch(ResultSet rs, int index) throws SQLException;
}
