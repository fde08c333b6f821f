package io.tdsproxy.server.proxy;

import io.tdsproxy.tds.prelogin.EncryptionDecision;
import io.tdsproxy.tds.prelogin.EncryptionOutcome;
import io.tdsproxy.tds.prelogin.EncryptionValue;

/**
 * The states of a {@link ClientSession} (diagram there). The backend leg's progress is tracked by
 * {@link BackendLink} beside it, because the two overlap: the backend PRELOGIN runs while the client
 * waits, and the backend can fail in any state before the relay.
 */
sealed interface SessionState {
    /** Short name for logs and error details. */
    default String label() {
        return getClass().getSimpleName();
    }

    /** Waiting for the client's PRELOGIN (or, from jTDS {@code ssl=off}, a LOGIN7 without one). */
    record AwaitingPrelogin(PacketAccumulator prelogin) implements SessionState {
    }

    /** Client PRELOGIN read; client reads paused while the backend connects and answers its PRELOGIN. */
    record NegotiatingBackend() implements SessionState {
    }

    /** PRELOGIN reply sent; the TLS handshake runs inside PRELOGIN packets. */
    record TlsHandshake() implements SessionState {
    }

    /** Waiting for (the rest of) the LOGIN7 message. */
    record AwaitingLogin() implements SessionState {
    }

    /** LOGIN7 forwarded: raw bytes both ways until one side closes. */
    record Relaying(Relay relay) implements SessionState {
    }

    /** Closing or closed; everything still arriving is released. */
    record Closed() implements SessionState {
    }

    /**
     * The outcome of the client-leg PRELOGIN negotiation.
     *
     * @param decision      the reply and outcome from {@code EncryptionNegotiation.serverSide}
     * @param mode          the resulting client-leg mode
     * @param replyToClient false when the client sent no PRELOGIN (nothing to answer)
     * @param tlsPossible   whether the proxy has a certificate (a refused client may still start TLS)
     * @param strictRequired {@code forcestrict = 1} and this is a TDS 7.x client: whatever TLS runs, the
     *                      LOGIN7 is answered with an ERROR asking for strict encryption (see {@link ClientLegPolicy})
     */
    record Negotiation(EncryptionDecision decision, ClientLegMode mode, boolean replyToClient, boolean tlsPossible,
                       boolean strictRequired) {
        static Negotiation of(EncryptionDecision decision, boolean replyToClient, boolean tlsPossible) {
            return new Negotiation(decision, modeOf(decision.outcome()), replyToClient, tlsPossible, false);
        }

        /** A TDS 8.0 leg: TLS is already up, the PRELOGIN reply carries {@code reply} and nothing else follows. */
        static Negotiation strict(EncryptionValue reply, boolean replyToClient) {
            return new Negotiation(new EncryptionDecision(reply, EncryptionOutcome.FULL), ClientLegMode.STRICT,
                    replyToClient, true, false);
        }

        /** The same negotiation, but the login is refused because only TDS 8.0 is served. */
        Negotiation requiringStrict() {
            return new Negotiation(decision, mode, replyToClient, tlsPossible, true);
        }

        /** The LOGIN7 goes to the backend (not refused, not a TDS 7.x client under {@code forcestrict}). */
        boolean forwardsLogin() {
            return !refused() && !strictRequired;
        }

        /** The client leg may not carry a login as it is: the client is told why at LOGIN7. */
        boolean refused() {
            return decision.outcome() == EncryptionOutcome.REFUSE;
        }

        /** The refusal is "encryption required" (reply REQ), not "encryption unavailable" (reply NOT_SUP). */
        boolean encryptionRequired() {
            return decision.reply().equals(EncryptionValue.REQ);
        }

        /** A TDS 7.x TLS handshake (PRELOGIN-wrapped) runs on the client leg after the PRELOGIN reply. */
        boolean tls() {
            return !refused() && (mode == ClientLegMode.FULL_TLS || mode == ClientLegMode.LOGIN_ONLY);
        }

        /** Same reply, but the client started TLS anyway after ENCRYPT_REQ: the leg is fully encrypted. */
        Negotiation upgradedToFullTls() {
            return new Negotiation(new EncryptionDecision(decision.reply(), EncryptionOutcome.FULL),
                    ClientLegMode.FULL_TLS, replyToClient, tlsPossible, strictRequired);
        }

        private static ClientLegMode modeOf(EncryptionOutcome outcome) {
            switch (outcome) {
                case FULL: return ClientLegMode.FULL_TLS;
                case LOGIN_ONLY: return ClientLegMode.LOGIN_ONLY;
                default: return ClientLegMode.PLAINTEXT;
            }
        }
    }
}
