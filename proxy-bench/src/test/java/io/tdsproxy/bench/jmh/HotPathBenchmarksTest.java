package io.tdsproxy.bench.jmh;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the PRELOGIN and framing JMH benchmarks runnable: one invocation each, results checked, no timing. */
class HotPathBenchmarksTest {
    @Test
    void preloginDecodesEveryOption() {
        PreloginDecodeBenchmark bench = new PreloginDecodeBenchmark();
        bench.setUp();
        try {
            assertThat(bench.decodeTypical().options()).hasSize(5);
            assertThat(bench.decodeWithUnknownOption().options()).hasSize(6);
        } finally {
            bench.tearDown();
        }
    }

    @Test
    void framingEmitsEveryWholePacket() {
        for (int size : new int[] {512, 4096, 8000}) {
            PacketFramingBenchmark bench = new PacketFramingBenchmark();
            bench.packetSize = size;
            bench.readSize = 16384;
            bench.setUp();
            try {
                assertThat(bench.frame64KiB()).isEqualTo(64 * 1024 / size);
            } finally {
                bench.tearDown();
            }
        }
    }
}
