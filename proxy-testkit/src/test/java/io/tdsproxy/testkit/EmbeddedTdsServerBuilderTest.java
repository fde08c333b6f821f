package io.tdsproxy.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedTdsServerBuilderTest {

    @ParameterizedTest
    @EnumSource(value = BackendEncryption.class, names = {"OFF", "FORCE", "STRICT"})
    void tlsPoliciesGenerateACertificateWhenNoneIsGiven(BackendEncryption e) {
        EmbeddedTdsServer server = EmbeddedTdsServer.builder().encryption(e).build();
        assertThat(server.certificate()).hasValueSatisfying(
                c -> assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=localhost"));
        assertThat(server.acceptsStrict()).isEqualTo(e == BackendEncryption.STRICT);
    }

    @Test
    void notSupHasNoCertificateAndRefusesTlsOptions() {
        assertThat(EmbeddedTdsServer.builder().build().certificate()).isEmpty();
        assertThatThrownBy(() -> EmbeddedTdsServer.builder().acceptStrict(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOT_SUP");
    }

    @Test
    void tlsProtocolListIsChecked() {
        assertThatThrownBy(() -> EmbeddedTdsServer.builder().tlsProtocols("1.2,1.4"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.4");
        assertThatThrownBy(() -> EmbeddedTdsServer.builder().encryption(BackendEncryption.FORCE).tlsProtocols("1.3").build())
                .as("TDS 7.x needs a version below 1.3").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedTdsServer.builder().encryption(BackendEncryption.STRICT).tlsProtocols("1.0,1.1").build())
                .as("TDS 8.0 needs 1.2 or 1.3").isInstanceOf(IllegalArgumentException.class);
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
