package io.tdsproxy.tds.token;

/**
 * One token read by {@link TokenReader}.
 *
 * <p>{@code value} by type: ERROR/INFO {@link ServerMessage}; LOGINACK {@link LoginAck}; ENVCHANGE
 * {@link EnvChange}; DONE/DONEPROC/DONEINPROC {@link Done}; RETURNSTATUS {@link ReturnStatus};
 * RETURNVALUE {@link ReturnValue}; FEATUREEXTACK {@link FeatureExtAck}; COLMETADATA
 * {@code List<Column>}; ROW/NBCROW {@code Object[]} (values in column order); ORDER
 * {@code List<Integer>} (column numbers).
 *
 * @param type  the token type
 * @param value the decoded token
 */
public record Token(TokenType type, Object value) {
    /** The value cast to {@code kind}; a {@link ClassCastException} names a mismatch. */
    public <T> T as(Class<T> kind) {
        return kind.cast(value);
    }
}
