package io.tdsproxy.server.proxy;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.tdsproxy.tds.ProtocolException;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class ExceptionKindTest {

    @Test
    void classifiesByTheCauseChain() {
        assertThat(ExceptionKind.of(new DecoderException(new SSLHandshakeException("bad cert")))).isEqualTo(ExceptionKind.TLS);
        assertThat(ExceptionKind.of(new NotSslRecordException("x"))).isEqualTo(ExceptionKind.TLS);
        assertThat(ExceptionKind.of(new DecoderException(new ProtocolException("short")))).isEqualTo(ExceptionKind.PROTOCOL);
        assertThat(ExceptionKind.of(new IOException("Connection reset by peer"))).isEqualTo(ExceptionKind.NETWORK);
        assertThat(ExceptionKind.of(new IllegalStateException("bug"))).isEqualTo(ExceptionKind.INTERNAL);
    }

    @Test
    void messageIsOneCleanLine() {
        assertThat(ExceptionKind.message(new DecoderException(new ProtocolException("PRELOGIN: short"))))
                .isEqualTo("PRELOGIN: short");
        assertThat(ExceptionKind.message(new ConnectException(
                "finishConnect(..) failed with error(-111): Connection refused: /127.0.0.1:41077")))
                .isEqualTo("Connection refused");
        assertThat(ExceptionKind.message(new ConnectException("Connection refused: localhost/127.0.0.1:1")))
                .isEqualTo("Connection refused: localhost/127.0.0.1:1");
        assertThat(ExceptionKind.message(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
