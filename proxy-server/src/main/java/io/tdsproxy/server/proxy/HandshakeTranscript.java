package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tls.ClientHelloParser;
import io.tdsproxy.tls.ClientHelloVersions;

import java.util.Arrays;
import java.util.Optional;

/**
 * What went over the wire during one client-leg TLS handshake, as far as a failed handshake needs
 * explaining: the versions of the client's ClientHello, the first alert each side sent, whether the
 * proxy's certificate flight went out and whether the client hung up. It reads the raw TLS records
 * (PRELOGIN headers already stripped) without consuming or keeping them; a whole handshake costs at
 * most {@link ClientHelloParser#MAX_HELLO_BYTES} of copied hello bytes. Not thread-safe: used on the
 * connection's event loop.
 */
final class HandshakeTranscript {
    /** The largest hello the parser reads, plus its record and handshake headers. */
    private static final int MAX_COPIED = ClientHelloParser.MAX_HELLO_BYTES + 9;

    private final RecordScanner fromClient = new RecordScanner();
    private final RecordScanner fromProxy = new RecordScanner();
    private byte[] hello = new byte[512];
    private int helloLength;
    private ClientHelloParser.Status helloStatus = ClientHelloParser.Status.INCOMPLETE;
    private ClientHelloVersions offered;
    private boolean clientClosed;

    /** Raw TLS bytes from the client; {@code in} is only read. */
    void clientBytes(ByteBuf in) {
        if (helloStatus == ClientHelloParser.Status.INCOMPLETE) {
            collectHello(in);
        }
        fromClient.scan(in);
    }

    /** Raw TLS bytes the proxy's TLS engine writes; {@code out} is only read. */
    void proxyBytes(ByteBuf out) {
        fromProxy.scan(out);
    }

    void clientClosed() {
        clientClosed = true;
    }

    /** The versions the client offered, once its whole ClientHello was read. */
    Optional<ClientHelloVersions> offered() {
        return Optional.ofNullable(offered);
    }

    /** The first alert the client sent in clear (before it switched to encryption), by RFC name. */
    Optional<String> clientAlert() {
        return fromClient.alert();
    }

    /** The first alert the proxy's TLS engine sent. */
    Optional<String> proxyAlert() {
        return fromProxy.alert();
    }

    /** True once the proxy sent handshake records: ServerHello and, in TLS 1.2, its certificate. */
    boolean certificateSent() {
        return fromProxy.handshakeRecords > 0;
    }

    /** True when the client closed its side (connection end seen before the TLS engine). */
    boolean clientHasClosed() {
        return clientClosed;
    }

    private void collectHello(ByteBuf in) {
        int wanted = Math.min(in.readableBytes(), MAX_COPIED - helloLength);
        if (helloLength + wanted > hello.length) {
            hello = Arrays.copyOf(hello, Math.max(hello.length * 2, helloLength + wanted));
        }
        in.getBytes(in.readerIndex(), hello, helloLength, wanted);
        helloLength += wanted;
        ClientHelloParser.Result result = ClientHelloParser.parse(hello, helloLength);
        helloStatus = result.status();
        if (helloStatus == ClientHelloParser.Status.INCOMPLETE && helloLength == MAX_COPIED) {
            helloStatus = ClientHelloParser.Status.NOT_A_CLIENT_HELLO; // the bound is reached
        }
        if (helloStatus != ClientHelloParser.Status.INCOMPLETE) {
            offered = result.hello().orElse(null);
            hello = null;
        }
    }

    /**
     * Follows record boundaries (RFC 5246 6.2.1) and keeps the first alert's description. Stops at a
     * change_cipher_spec: later alerts are encrypted.
     */
    private static final class RecordScanner {
        private static final int CHANGE_CIPHER_SPEC = 20;
        private static final int ALERT = 21;
        private static final int HANDSHAKE = 22;

        private final byte[] header = new byte[5];
        private int headerFill;
        private int bodyRemaining;
        private int bodyOffset;
        private boolean stopped;
        private int handshakeRecords;
        private String alert;

        void scan(ByteBuf buf) {
            int pos = buf.readerIndex();
            int end = buf.writerIndex();
            while (pos < end && !stopped) {
                if (headerFill < header.length) {
                    header[headerFill++] = buf.getByte(pos++);
                    if (headerFill == header.length) {
                        recordStarts();
                    }
                    continue;
                }
                int type = header[0] & 0xff;
                if (type == ALERT && bodyOffset == 1 && alert == null) {
                    alert = TlsAlert.name(buf.getUnsignedByte(pos));
                }
                int take = type == ALERT && bodyOffset < 2 ? 1 : Math.min(bodyRemaining, end - pos);
                pos += take;
                bodyOffset += take;
                bodyRemaining -= take;
                if (bodyRemaining == 0) {
                    headerFill = 0;
                }
            }
        }

        private void recordStarts() {
            int type = header[0] & 0xff;
            bodyRemaining = (header[3] & 0xff) << 8 | (header[4] & 0xff);
            bodyOffset = 0;
            if (type == HANDSHAKE) {
                handshakeRecords++;
            } else if (type == CHANGE_CIPHER_SPEC || type < CHANGE_CIPHER_SPEC || type > 23 || bodyRemaining == 0) {
                stopped = true;
            }
        }

        Optional<String> alert() {
            return Optional.ofNullable(alert);
        }
    }
}
