package io.tdsproxy.tds.token;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.types.Column;

import java.util.List;

/** Re-encodes a token read by {@link TokenReader}, for byte-identity checks. */
final class TokenCodecs {
    private TokenCodecs() {
    }

    /** Writes {@code token}; {@code columns} is the metadata in force for ROW/NBCROW. */
    @SuppressWarnings("unchecked")
    static void encode(ByteBuf out, Token token, List<Column> columns) {
        switch (token.type()) {
            case ERROR:
                token.as(ServerMessage.class).encodeError(out);
                break;
            case INFO:
                token.as(ServerMessage.class).encodeInfo(out);
                break;
            case LOGINACK:
                token.as(LoginAck.class).encode(out);
                break;
            case ENVCHANGE:
                token.as(EnvChange.class).encode(out);
                break;
            case DONE:
            case DONEPROC:
            case DONEINPROC:
                token.as(Done.class).encode(out);
                break;
            case FEATUREEXTACK:
                token.as(FeatureExtAck.class).encode(out);
                break;
            case RETURNSTATUS:
                token.as(ReturnStatus.class).encode(out);
                break;
            case RETURNVALUE:
                token.as(ReturnValue.class).encode(out);
                break;
            case COLMETADATA:
                ColumnMetadata.encode(out, (List<Column>) token.value());
                break;
            case ROW:
                RowToken.encode(out, columns, token.as(Object[].class));
                break;
            case NBCROW:
                RowToken.encodeNbc(out, columns, token.as(Object[].class));
                break;
            default:
                throw new IllegalArgumentException("no encoder for " + token.type());
        }
    }
}
