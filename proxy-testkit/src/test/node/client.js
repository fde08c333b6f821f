'use strict';
// Drives tedious (the Node.js TDS client, OpenSSL TLS stack) for the Java integration tests.
// Reads one JSON config from standard input, connects, runs each statement in order on the one
// connection and prints one JSON report on standard output. Values are tagged where JSON cannot hold
// them exactly (bigint as text, Date as ISO text plus tedious's sub-millisecond part, Buffer as hex),
// so the Java side compares what tedious itself decoded.
//
// Config: { server, port, user, password, encrypt, trustServerCertificate, caFile, serverName,
//           minVersion, maxVersion, ciphers, statements: [ { sql, params: [ { name, type, value,
//           options } ] } ] }
// Report: { connected, tls: { protocol, cipher } | null, connectError, serverErrors: [...],
//           statements: [ { error, rowCount, resultSets: [ { columns: [ { name, type } ], rows } ] } ] }

const fs = require('fs');
const { Connection, Request, TYPES } = require('tedious');

function describeError(err) {
  if (!err) {
    return null;
  }
  const described = { name: err.constructor ? err.constructor.name : err.name, message: err.message, code: err.code ?? null };
  for (const key of ['number', 'state', 'class']) {
    if (err[key] !== undefined) {
      described[key] = err[key];
    }
  }
  if (err.cause) {
    described.cause = describeError(err.cause);
  }
  if (err instanceof AggregateError && err.errors) {
    described.errors = err.errors.map(describeError);
  }
  return described;
}

function encodeValue(value) {
  if (value === null || value === undefined) {
    return null;
  }
  if (Buffer.isBuffer(value)) {
    return { hex: value.toString('hex') };
  }
  if (value instanceof Date) {
    // tedious's parser names the sub-millisecond part nanosecondsDelta (its parameters say nanosecondDelta).
    return { date: value.toISOString(), nanosecondsDelta: value.nanosecondsDelta ?? null };
  }
  if (typeof value === 'bigint') {
    return { bigint: value.toString() };
  }
  return value;
}

function decodeParameter(param) {
  const type = TYPES[param.type];
  if (!type) {
    throw new Error('unknown tedious type ' + param.type);
  }
  let value = param.value;
  if (value !== null && ['VarBinary', 'Binary', 'Image'].includes(param.type)) {
    value = Buffer.from(value, 'hex');
  } else if (value !== null && ['Date', 'DateTime', 'DateTime2', 'Time', 'SmallDateTime'].includes(param.type)) {
    value = new Date(value);
  }
  return { type, value };
}

function connect(config, report) {
  const cryptoCredentialsDetails = {};
  if (config.caFile) {
    cryptoCredentialsDetails.ca = fs.readFileSync(config.caFile);
  }
  for (const key of ['minVersion', 'maxVersion', 'ciphers']) {
    if (config[key]) {
      cryptoCredentialsDetails[key] = config[key];
    }
  }
  const connection = new Connection({
    server: config.server,
    authentication: { type: 'default', options: { userName: config.user, password: config.password } },
    options: {
      port: config.port,
      database: config.database || undefined,
      encrypt: config.encrypt,
      trustServerCertificate: config.trustServerCertificate === true,
      serverName: config.serverName || undefined,
      cryptoCredentialsDetails,
      connectTimeout: 20000,
      requestTimeout: 60000,
      maxRetriesOnTransientErrors: 0,
    },
  });
  connection.on('errorMessage', (token) => {
    report.serverErrors.push({ number: token.number, state: token.state, class: token.class, message: token.message });
  });
  connection.on('secure', (cleartext) => {
    const cipher = cleartext.getCipher();
    report.tls = { protocol: cleartext.getProtocol(), cipher: cipher ? cipher.name : null };
  });
  return new Promise((resolve, reject) => {
    connection.connect((err) => (err ? reject(err) : resolve(connection)));
  });
}

function execute(connection, statement) {
  return new Promise((resolve) => {
    const outcome = { error: null, rowCount: null, resultSets: [] };
    let current = null;
    const request = new Request(statement.sql, (err, rowCount) => {
      outcome.error = describeError(err);
      outcome.rowCount = rowCount ?? null;
      resolve(outcome);
    });
    request.on('columnMetadata', (columns) => {
      const list = Array.isArray(columns) ? columns : Object.values(columns);
      current = { columns: list.map((c) => ({ name: c.colName, type: c.type.name })), rows: [] };
      outcome.resultSets.push(current);
    });
    request.on('row', (columns) => {
      const list = Array.isArray(columns) ? columns : Object.values(columns);
      current.rows.push(list.map((c) => encodeValue(c.value)));
    });
    for (const param of statement.params || []) {
      const { type, value } = decodeParameter(param);
      request.addParameter(param.name, type, value, param.options || {});
    }
    connection.execSql(request);
  });
}

async function main() {
  const config = JSON.parse(fs.readFileSync(0, 'utf8'));
  const report = { connected: false, tls: null, connectError: null, serverErrors: [], statements: [] };
  let connection;
  try {
    connection = await connect(config, report);
    report.connected = true;
  } catch (err) {
    report.connectError = describeError(err);
  }
  if (connection) {
    for (const statement of config.statements || []) {
      report.statements.push(await execute(connection, statement));
    }
    await new Promise((resolve) => {
      connection.on('end', resolve);
      connection.close();
    });
  }
  process.stdout.write(JSON.stringify(report) + '\n');
}

main().catch((err) => {
  process.stderr.write('client.js failed: ' + (err && err.stack ? err.stack : err) + '\n');
  process.exit(2);
});
