/**
 * The certificate doctor: checks a server certificate, its chain, its private key and the key file
 * against what SQL Server and its clients require (sql-server-on-linux-tls.md, "Requirements for
 * Certificates"), one {@link io.tdsproxy.tls.check.CheckRow} per {@link io.tdsproxy.tls.check.Requirement},
 * each with the reason and the fix.
 *
 * <p>The proxy runs it at start-up and refuses to serve a certificate with a {@code FAIL} row; the
 * {@code tdsproxy cert check} command prints the same rows as a table.
 */
package io.tdsproxy.tls.check;
