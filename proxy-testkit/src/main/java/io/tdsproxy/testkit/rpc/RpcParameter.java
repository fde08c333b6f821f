package io.tdsproxy.testkit.rpc;

import io.tdsproxy.tds.types.TypeInfo;

/**
 * One ParameterData entry of an RPC request (MS-TDS 2.2.6.6): {@code ParamMetaData} (name, status
 * flags, TYPE_INFO) and the value, decoded with {@code ValueCodec.read}.
 *
 * @param name   the name with its {@code @}, or empty for a positional parameter
 * @param status StatusFlags: 0x01 fByRefValue (output), 0x02 fDefaultValue
 * @param type   the TYPE_INFO the client sent
 * @param value  the value in ValueCodec's Java types, {@code null} for NULL
 */
public record RpcParameter(String name, int status, TypeInfo type, Object value) {
    /** fByRefValue: an output parameter. */
    public static final int BY_REF = 0x01;
    /** fDefaultValue: use the parameter's default. */
    public static final int DEFAULT_VALUE = 0x02;
    /** fEncrypted (Always Encrypted), not supported here. */
    public static final int ENCRYPTED = 0x08;

    /** fByRefValue is set: the client expects a RETURNVALUE for this parameter. */
    public boolean output() {
        return (status & BY_REF) != 0;
    }

    @Override
    public String toString() {
        // values can be anything the application sends: keep them out of logs
        return "RpcParameter[" + name + ", status=" + status + ", " + type.type() + "]";
    }
}
