package io.tdsproxy.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedTdsServerBuilderTest {

    @ParameterizedTest
    @EnumSource(value = BackendEncryption.class, names = {"OFF", "FORCE", "STRICT"})
    void encryptionPoliciesNotYetImplementedAreRefused(BackendEncryption e) {
        assertThatThrownBy(() -> EmbeddedTdsServer.builder().encryption(e).build())
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining(e.name());
    }

    @Test
    void defaults() {
        EmbeddedTdsServer server = EmbeddedTdsServer.builder().build();
        assertThat(server.host()).isEqualTo("127.0.0.1");
        assertThat(server.database()).isEqualTo("master");
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
        assertThat(EmbeddedTdsServer.DEFAULT_USER).isEqualTo("sa");
        assertThat(EmbeddedTdsServer.DEFAULT_PASSWORD).isEqualTo("TdsProxy!2026");
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThatThrownBy(() -> EmbeddedTdsServer.builder().port(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedTdsServer.builder().login("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedTdsServer.builder().database(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
