package io.tdsproxy.testkit.h2;

import io.tdsproxy.tds.types.Column;

/**
 * A result column as the TDS client sees it, with the way to read its values from H2.
 *
 * @param column  the COLMETADATA entry
 * @param fetcher reads the value in the Java type the column's TYPE_INFO takes
 */
public record MappedColumn(Column column, ValueFetcher fetcher) {
}
