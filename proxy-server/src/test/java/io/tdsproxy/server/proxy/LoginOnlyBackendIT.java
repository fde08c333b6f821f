package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tdsproxy.server.config.BackendConfig;
import io.tdsproxy.server.config.BackendEncrypt;
import io.tdsproxy.server.config.BackendTlsConfig;
import io.tdsproxy.server.config.NetworkConfig;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.tds.login.Login7Builder;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.prelogin.EncryptionValue;
import io.tdsproxy.tds.token.ServerMessage;
import io.tdsproxy.testkit.ConnectionSecurity;
import io.tdsproxy.testkit.EncryptionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code encrypt = login} with a LOGIN7 of three packets (a 10 kB SSPI blob): the first packet goes
 * through TLS, the others follow in plaintext, as mssql-jdbc and FreeTDS send them (protocol.md 3.4),
 * after a PRELOGIN and for a client that sends no PRELOGIN (whose LOGIN7 waits for the backend's
 * handshake). The embedded backend must read the whole LOGIN7 under login-only encryption, which its
 * answer to the SSPI blob in the last packets shows.
 */
class LoginOnlyBackendIT {
    @TempDir
    Path dir;

    @Test
    void multiPacketLoginGoesThroughLoginOnlyTls() throws Exception {
        try (BackendUnderTest backend = BackendUnderTest.start(BackendEncrypt.LOGIN, dir);
             ProxyFixture proxy = ProxyFixture.start(ProxyConfig.of(
                     new NetworkConfig("127.0.0.1", 0, false, Optional.empty()),
                     new BackendConfig("127.0.0.1", backend.port(), new BackendTlsConfig(BackendEncrypt.LOGIN, false,
                             backend.caPem(), BackendUnderTest.NAME, List.of("TLSv1.2")))))) {
            for (boolean prelogin : new boolean[] {true, false}) {
                try (TdsTestClient client = new TdsTestClient(proxy.port())) {
                    if (prelogin) {
                        client.prelogin(TdsTestClient.prelogin(EncryptionValue.NOT_SUP));
                    }
                    byte[] sspi = new byte[10_000];
                    Arrays.fill(sspi, (byte) 0x5A);
                    ByteBuf login = new Login7Builder().userName("sa").password("TdsProxy!2026").sspi(sspi)
                            .build(UnpooledByteBufAllocator.DEFAULT);
                    client.sendMessage(PacketType.LOGIN7, login, 4096);
                    List<TdsTestClient.Packet> reply = client.readMessage();
                    ByteBuf tokens = Unpooled.buffer();
                    for (TdsTestClient.Packet p : reply) {
                        tokens.writeBytes(p.bytes(), PacketHeader.SIZE, p.bytes().length - PacketHeader.SIZE);
                    }
                    // The backend read the SSPI blob of the last packets: it answers as SQL Server does to a
                    // Windows-authentication login it cannot accept (error 18452).
                    assertThat((int) tokens.getUnsignedByte(0)).isEqualTo(0xAA);
                    ServerMessage error = ServerMessage.decode(tokens);
                    assertThat(error.number()).as("prelogin=%s", prelogin).isEqualTo(18452);
                }
                ConnectionSecurity seen = backend.nextConnection();
                assertThat(seen.outcome()).as("prelogin=%s", prelogin).isEqualTo(ConnectionSecurity.Outcome.LOGIN_RECEIVED);
                assertThat(seen.mode()).isEqualTo(EncryptionMode.LOGIN_ONLY);
            }
        }
    }
}
