'use strict';
// Connects with tedious, runs SELECT 6 * 7 and prints one JSON line: {"ok":true,"value":42} or
// {"ok":false,"message":"..."}. Driven by the Java ITs (TediousEncryptionIT), never by hand.
// Usage: node encryption-query.js HOST PORT USER PASSWORD ENCRYPT(true|false|strict) [CA_PEM] [SERVER_NAME]
const fs = require('fs');
const { Connection, Request } = require('tedious');

const [host, port, user, password, encrypt, caFile, serverName] = process.argv.slice(2);
const options = {
  port: Number(port),
  database: 'master',
  encrypt: encrypt === 'strict' ? 'strict' : encrypt === 'true',
  trustServerCertificate: false,
  connectTimeout: 15000,
  maxRetriesOnTransientErrors: 0,
};
if (caFile) {
  options.cryptoCredentialsDetails = { ca: fs.readFileSync(caFile) };
}
if (serverName) {
  options.serverName = serverName;
}

function finish(result) {
  process.stdout.write(JSON.stringify(result) + '\n');
}

const connection = new Connection({
  server: host,
  authentication: { type: 'default', options: { userName: user, password: password } },
  options,
});
connection.on('connect', (err) => {
  if (err) {
    finish({ ok: false, message: err.message });
    return;
  }
  let value = null;
  const request = new Request('SELECT 6 * 7', (requestErr) => {
    finish(requestErr ? { ok: false, message: requestErr.message } : { ok: true, value });
    connection.close();
  });
  request.on('row', (columns) => { value = columns[0].value; });
  connection.execSql(request);
});
connection.connect();
