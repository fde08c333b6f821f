package io.tdsproxy.tds.prelogin;

import java.util.Objects;

/**
 * A server's answer to a client's PRELOGIN ENCRYPTION byte: the byte to send back and what happens
 * next. For {@link EncryptionOutcome#REFUSE} the reply is still sent (so a client can report a
 * meaningful error) before the connection is closed, as Microsoft's and pytds's test servers do.
 *
 * @param reply   the ENCRYPTION byte for the PRELOGIN reply, always 0..3 (clients reject other values)
 * @param outcome what the connection does after the reply
 */
public record EncryptionDecision(EncryptionValue reply, EncryptionOutcome outcome) {
    public EncryptionDecision {
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(outcome, "outcome");
    }
}
