package io.tdsproxy.server.proxy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloserTest {
    @Test
    void closesLastRegisteredFirstAndOnlyOnce() throws Exception {
        List<String> closed = new ArrayList<>();
        Closer closer = new Closer();
        closer.register(() -> closed.add("backend"));
        closer.register(() -> closed.add("proxy"));

        closer.close();
        closer.close();

        assertThat(closed).containsExactly("proxy", "backend");
    }

    @Test
    void keepsClosingAfterAFailureAndThrowsTheFirstWithTheRestSuppressed() {
        List<String> closed = new ArrayList<>();
        Closer closer = new Closer();
        closer.register(() -> closed.add("backend"));
        closer.register(() -> {
            throw new IllegalStateException("second");
        });
        closer.register(() -> {
            throw new IllegalStateException("first");
        });

        assertThatThrownBy(closer::close).hasMessage("first")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("second"));
        assertThat(closed).containsExactly("backend");
    }
}
