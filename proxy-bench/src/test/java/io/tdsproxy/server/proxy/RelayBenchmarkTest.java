package io.tdsproxy.server.proxy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the JMH relay benchmark runnable (its setup reaches into package-private proxy classes that
 * may change): one invocation of each benchmark method, checking that every packet went through the
 * relay and that nothing leaks (paranoid leak detection). Not a timing test.
 */
class RelayBenchmarkTest {
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyPacketIsForwardedBothWays(boolean clientTls) throws Exception {
        RelayBenchmark bench = new RelayBenchmark();
        bench.clientTls = clientTls;
        bench.packets = 8;
        bench.packetSize = 8000;
        bench.setUp();
        try {
            assertThat(bench.backendToClient()).isEqualTo(8);
            assertThat(bench.clientToBackend()).isEqualTo(8);
        } finally {
            bench.tearDown();
        }
    }
}
