package io.tdsproxy.tds.token;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.types.Collation;
import io.tdsproxy.tds.types.Wire;

import java.util.Arrays;

/**
 * ENVCHANGE 0xE3 (MS-TDS 2.2.7.9): {@code E3 | Length USHORT | Type BYTE | NewValue | OldValue}.
 *
 * <p>Types 1 (database), 2 (language) and 4 (packet size, as a decimal string) carry B_VARCHAR
 * values; 7 (SQL collation) and 8/9/10 (begin/commit/rollback transaction) carry B_VARBYTE values.
 * Every other type, and any of these in a form that would not re-encode byte for byte, decodes to
 * {@link Other}, which keeps the body verbatim.
 */
public sealed interface EnvChange
        permits EnvChange.Database, EnvChange.Language, EnvChange.PacketSize, EnvChange.SqlCollation,
        EnvChange.BeginTransaction, EnvChange.CommitTransaction, EnvChange.RollbackTransaction, EnvChange.Other {

    int DATABASE = 1;
    int LANGUAGE = 2;
    int PACKET_SIZE = 4;
    int SQL_COLLATION = 7;
    int BEGIN_TRANSACTION = 8;
    int COMMIT_TRANSACTION = 9;
    int ROLLBACK_TRANSACTION = 10;
    /** Size of a transaction descriptor (MS-TDS 2.2.5.3 ALL_HEADERS TransactionDescriptor). */
    int TRANSACTION_DESCRIPTOR_SIZE = 8;

    /** The ENVCHANGE type byte. */
    int type();

    /** Writes the ENVCHANGE token, token byte and length included. */
    default void encode(ByteBuf out) {
        int mark = out.writerIndex();
        try {
            out.writeByte(TokenType.ENVCHANGE.code());
            int length = Wire.reserveU16(out);
            out.writeByte(type());
            encodeValues(out);
            Wire.patchU16Length(out, length, "ENVCHANGE");
        } catch (RuntimeException e) {
            out.writerIndex(mark);
            throw e;
        }
    }

    /** Writes NewValue and OldValue. */
    void encodeValues(ByteBuf out);

    /** Type 1: the current database, e.g. {@code new Database("master", "master")}. */
    record Database(String newValue, String oldValue) implements EnvChange {
        public int type() {
            return DATABASE;
        }

        public void encodeValues(ByteBuf out) {
            Wire.writeBVarchar(out, newValue);
            Wire.writeBVarchar(out, oldValue);
        }
    }

    /** Type 2: the session language, e.g. {@code new Language("us_english", "")}. */
    record Language(String newValue, String oldValue) implements EnvChange {
        public int type() {
            return LANGUAGE;
        }

        public void encodeValues(ByteBuf out) {
            Wire.writeBVarchar(out, newValue);
            Wire.writeBVarchar(out, oldValue);
        }
    }

    /**
     * Type 4: the packet size both sides use from the next message on, written as decimal strings
     * (mssql-jdbc parses them with {@code Integer.parseInt}).
     */
    record PacketSize(int newSize, int oldSize) implements EnvChange {
        public int type() {
            return PACKET_SIZE;
        }

        public void encodeValues(ByteBuf out) {
            Wire.writeBVarchar(out, Integer.toString(newSize));
            Wire.writeBVarchar(out, Integer.toString(oldSize));
        }
    }

    /**
     * Type 7: the SQL collation, 5 bytes (mssql-jdbc rejects any other length); the old value is
     * empty at login.
     *
     * @param oldValue the previous collation, or {@code null} for the empty old value
     */
    record SqlCollation(Collation newValue, Collation oldValue) implements EnvChange {
        public SqlCollation {
            if (newValue == null) {
                throw new IllegalArgumentException("new collation is required");
            }
        }

        /** A collation change with an empty old value, as sent at login. */
        public SqlCollation(Collation newValue) {
            this(newValue, null);
        }

        public int type() {
            return SQL_COLLATION;
        }

        public void encodeValues(ByteBuf out) {
            Wire.writeBVarbyte(out, newValue.toBytes());
            Wire.writeBVarbyte(out, oldValue == null ? null : oldValue.toBytes());
        }
    }

    /** Type 8: a transaction began; NewValue is its 8-byte descriptor, OldValue empty. */
    record BeginTransaction(byte[] descriptor) implements EnvChange {
        public BeginTransaction {
            descriptor = Transactions.checked(descriptor);
        }

        public int type() {
            return BEGIN_TRANSACTION;
        }

        public void encodeValues(ByteBuf out) {
            Wire.writeBVarbyte(out, descriptor);
            out.writeByte(0);
        }

        @Override
        public byte[] descriptor() {
            return descriptor.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BeginTransaction && Arrays.equals(descriptor, ((BeginTransaction) o).descriptor);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(descriptor);
        }

        @Override
        public String toString() {
            return "BeginTransaction[" + Transactions.hex(descriptor) + "]";
        }
    }

    /** Type 9: the transaction committed; NewValue empty, OldValue its descriptor. */
    record CommitTransaction(byte[] descriptor) implements EnvChange {
        public CommitTransaction {
            descriptor = Transactions.checked(descriptor);
        }

        public int type() {
            return COMMIT_TRANSACTION;
        }

        public void encodeValues(ByteBuf out) {
            out.writeByte(0);
            Wire.writeBVarbyte(out, descriptor);
        }

        @Override
        public byte[] descriptor() {
            return descriptor.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CommitTransaction && Arrays.equals(descriptor, ((CommitTransaction) o).descriptor);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(descriptor);
        }

        @Override
        public String toString() {
            return "CommitTransaction[" + Transactions.hex(descriptor) + "]";
        }
    }

    /** Type 10: the transaction rolled back; NewValue empty, OldValue its descriptor. */
    record RollbackTransaction(byte[] descriptor) implements EnvChange {
        public RollbackTransaction {
            descriptor = Transactions.checked(descriptor);
        }

        public int type() {
            return ROLLBACK_TRANSACTION;
        }

        public void encodeValues(ByteBuf out) {
            out.writeByte(0);
            Wire.writeBVarbyte(out, descriptor);
        }

        @Override
        public byte[] descriptor() {
            return descriptor.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RollbackTransaction && Arrays.equals(descriptor, ((RollbackTransaction) o).descriptor);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(descriptor);
        }

        @Override
        public String toString() {
            return "RollbackTransaction[" + Transactions.hex(descriptor) + "]";
        }
    }

    /**
     * Any other ENVCHANGE, or a known type in a non-canonical form: the bytes after the type byte,
     * kept verbatim so that it re-encodes byte for byte.
     */
    record Other(int type, byte[] body) implements EnvChange {
        public Other {
            if (type < 0 || type > 0xFF) {
                throw new IllegalArgumentException("ENVCHANGE type outside 0..255: " + type);
            }
            body = body.clone();
        }

        public void encodeValues(ByteBuf out) {
            out.writeBytes(body);
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Other && ((Other) o).type == type && Arrays.equals(body, ((Other) o).body);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return "Other[type=" + type + ", body=" + Transactions.hex(body) + "]";
        }
    }

    /** Reads an ENVCHANGE token, the token byte included. */
    static EnvChange decode(ByteBuf in) {
        int token = Wire.readU8(in, "ENVCHANGE token");
        if (token != TokenType.ENVCHANGE.code()) {
            throw new ProtocolException(String.format("expected ENVCHANGE, got token 0x%02X", token));
        }
        int length = Wire.readU16(in, "ENVCHANGE length");
        if (length < 1) {
            throw new ProtocolException("ENVCHANGE without a type byte");
        }
        return EnvChangeDecoder.decode(Wire.body(in, length, "ENVCHANGE body"));
    }
}
