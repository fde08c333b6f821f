package io.tdsproxy.server.proxy;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.tdsproxy.tds.ProtocolException;

import javax.net.ssl.SSLException;
import java.io.IOException;

/**
 * What kind of failure an exception from a pipeline is, which decides how it is logged and which
 * outcome the connection gets: network errors are routine (DEBUG/INFO, no stack trace), protocol and
 * TLS errors close one connection with a reason, anything else is a bug (WARN with stack trace).
 */
enum ExceptionKind {
    /** Reset, broken pipe, timeout: the peer or the network went away. */
    NETWORK,
    /** The TLS layer refused: handshake failure, bad record, alert. */
    TLS,
    /** The peer broke the TDS protocol. */
    PROTOCOL,
    /** Anything else. */
    INTERNAL;

    static ExceptionKind of(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof NotSslRecordException) {
                return TLS;
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ProtocolException) {
                return PROTOCOL;
            }
        }
        if (cause instanceof DecoderException) {
            return PROTOCOL;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return NETWORK;
            }
        }
        return INTERNAL;
    }

    /** A one-line reason: the innermost meaningful message, without stack trace. */
    static String message(Throwable cause) {
        Throwable t = cause;
        while ((t instanceof DecoderException || t.getMessage() == null) && t.getCause() != null) {
            t = t.getCause();
        }
        String text = t.getMessage();
        if (text == null) {
            return t.getClass().getSimpleName();
        }
        // epoll's wording: "finishConnect(..) failed with error(-111): Connection refused: /10.0.0.5:1433"
        return text.replaceFirst("^\\w+\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?: ", "")
                .replaceFirst(": /[^ ]+$", "");
    }
}
