"""Runs SQL statements with pymssql and prints what the client received, one fact per line.

Usage: pymssql_client.py rows|summary HOST PORT USER DATABASE STATEMENT...
The password comes from the environment variable PYMSSQL_PASSWORD (never from the command line);
TLS settings come from the freetds.conf named by FREETDSCONF.

Output (tab-separated, strings as JSON with ASCII escapes so that any value fits on one line):
  connected
  resultset   <JSON list of column names>       a result set starts
  value       <python type> <JSON text>         rows mode: one per column (text is null for NULL)
  endrow
  summary     <rows> <sum of column 1> <SHA-256 of every value's bytes, in order>   summary mode
  noresult    <rowcount>                         a statement without a result set
  error       <exception class> <number> <JSON message>   then exit status 1
"""
import hashlib
import json
import os
import sys

import pymssql


def text_of(value):
    """A rendering that keeps every digit: hex for bytes, ISO 8601 for temporal values."""
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def bytes_of(value):
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    return text_of(value).encode("utf-8")


def emit(*fields):
    print("\t".join(fields), flush=False)


def print_rows(cursor):
    for row in cursor:
        for value in row:
            emit("value", type(value).__name__, json.dumps(None if value is None else text_of(value)))
        emit("endrow")


def print_summary(cursor):
    rows = 0
    total = 0
    digest = hashlib.sha256()
    for row in cursor:
        rows += 1
        if isinstance(row[0], int):
            total += row[0]
        for value in row:
            if value is not None:
                digest.update(bytes_of(value))
    emit("summary", str(rows), str(total), digest.hexdigest())


def main():
    mode, host, port, user, database = sys.argv[1:6]
    statements = sys.argv[6:]
    try:
        connection = pymssql.connect(server=host, port=port, user=user, password=os.environ["PYMSSQL_PASSWORD"],
                                     database=database, login_timeout=20, autocommit=True)
        emit("connected")
        cursor = connection.cursor()
        for statement in statements:
            cursor.execute(statement)
            while True:
                if cursor.description is None:
                    emit("noresult", str(cursor.rowcount))
                else:
                    emit("resultset", json.dumps([column[0] for column in cursor.description]))
                    (print_summary if mode == "summary" else print_rows)(cursor)
                if not cursor.nextset():
                    break
        connection.close()
    except Exception as e:  # every pymssql failure is reported the same way
        args = e.args
        if len(args) == 1 and isinstance(args[0], tuple):  # OperationalError wraps (number, message)
            args = args[0]
        number = args[0] if args and isinstance(args[0], int) else 0
        message = args[1] if len(args) > 1 else (args[0] if args else str(e))
        if isinstance(message, bytes):
            message = message.decode("utf-8", "replace")
        emit("error", type(e).__name__, str(number), json.dumps(str(message)))
        sys.stdout.flush()
        sys.exit(1)


main()
