/**
 * An embedded TDS server for tests and demos: {@link io.tdsproxy.testkit.EmbeddedTdsServer} speaks
 * TDS 7.1 to 7.4 on Netty and runs the SQL on an in-memory H2 database in MSSQLServer mode.
 *
 * <h2>Protocol</h2>
 * <ul>
 *   <li>PRELOGIN answered in one 0x04 packet like SQL Server 2022 (VERSION 16.0.1000.6, ENCRYPTION per
 *       the MS-TDS table for the configured {@link io.tdsproxy.testkit.BackendEncryption}, INSTOPT 0,
 *       THREADID empty, MARS 0, FEDAUTHREQUIRED 0 when asked).</li>
 *   <li>Encryption like SQL Server with a certificate: login-only TLS, full TLS (handshake wrapped in
 *       PRELOGIN packets, never TLS 1.3), forced encryption, and TDS 8.0 strict (TLS first, ALPN
 *       {@code tds/8.0}, TLS 1.2/1.3) on the same port; see {@link io.tdsproxy.testkit.BackendEncryption}.
 *       Each connection's negotiated mode is recorded as a {@link io.tdsproxy.testkit.ConnectionSecurity}.</li>
 *   <li>LOGIN7 first, without PRELOGIN (jTDS {@code ssl=off}), is accepted unless encryption is forced
 *       (then it is answered with ERROR + DONE).</li>
 *   <li>SQL authentication against the configured logins (names case-insensitive); 18456 on failure,
 *       4060 for another database. No integrated or federated authentication.</li>
 *   <li>TDS version: the lower of the client's and 7.4. For 7.1 (jTDS) the 7.1 token layouts are
 *       used, date/time/datetime2 go out as nvarchar text and the MAX types as NTEXT/IMAGE.</li>
 *   <li>SQL batches, RPC (sp_executesql, sp_prepexec, sp_prepare, sp_execute, sp_unprepare by id or
 *       name, several calls per request), ATTENTION (cancel), RESETCONNECTION. Transaction manager
 *       requests are answered with an error; bulk load and MARS are not supported.</li>
 *   <li>Results stream in packets of the negotiated size with write-buffer backpressure: memory does
 *       not grow with the size of a result.</li>
 * </ul>
 *
 * <h2>T-SQL</h2>
 * Whatever H2 2.x parses in MSSQLServer mode ({@code TOP}, {@code [ident]}, {@code N'..'},
 * {@code NVARCHAR(MAX)}, {@code NEWID()}, {@code GETDATE()}, {@code ISNULL}, {@code LEN},
 * {@code CONVERT}, {@code SCOPE_IDENTITY()}, string {@code +}, identity columns), plus:
 * <ul>
 *   <li>batches split into statements at {@code ;}, {@code GO} lines and where a new statement begins
 *       ({@link io.tdsproxy.testkit.sql.BatchSplitter});</li>
 *   <li>{@code @@VERSION}, {@code @@SPID}, {@code @@TRANCOUNT}, {@code @@MAX_PRECISION}, {@code @@ROWCOUNT},
 *       {@code @@IDENTITY}, {@code DB_NAME()}, {@code SCHEMA_NAME()}, {@code SUSER_SNAME()},
 *       {@code SERVERPROPERTY('...')} and similar probes ({@link io.tdsproxy.testkit.sql.TsqlTranslator});</li>
 *   <li>{@code SET} options (NOCOUNT, ROWCOUNT, IMPLICIT_TRANSACTIONS, TRANSACTION ISOLATION LEVEL
 *       take effect; the rest are accepted), {@code USE} of the server's database, {@code BEGIN TRAN},
 *       {@code COMMIT}, {@code ROLLBACK}, {@code IF @@TRANCOUNT ... COMMIT|ROLLBACK|BEGIN TRAN},
 *       {@code WAITFOR DELAY}, {@code EXEC sp_unprepare n}, {@code PRINT 'text'}
 *       ({@link io.tdsproxy.testkit.sql.SessionCommand}).</li>
 * </ul>
 * Not supported: {@code DECLARE}/variables beyond H2's {@code @x} session variables, control flow
 * ({@code IF} with other conditions, {@code BEGIN ... END}, {@code TRY/CATCH}), stored procedures and
 * the catalog procedures drivers use for {@code DatabaseMetaData} ({@code sp_tables}, {@code sp_columns}),
 * output parameters of real procedures, {@code sql_variant}, {@code xml}, {@code money} as money
 * (it is decimal(19,4)). H2 keeps no difference between varchar and nvarchar (all character data
 * goes out as nvarchar), its TINYINT is signed (0..127 only), and a datetime2(3) column is
 * described as datetime.
 */
package io.tdsproxy.testkit;
