package io.tdsproxy.testsupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves that the build's leak detection is live: a buffer dropped unreleased is reported. */
class LeakDetectionSelfTest {

    @Test
    void aDroppedBufferIsReportedAsALeak() throws InterruptedException {
        RecordingLeakDetector.drainLeaks();
        leakOneBuffer();
        List<String> leaks = new ArrayList<>();
        for (int round = 0; round < 20 && leaks.isEmpty(); round++) {
            System.gc();
            Thread.sleep(20);
            for (int i = 0; i < 64; i++) {
                PooledByteBufAllocator.DEFAULT.directBuffer(8).release();
            }
            leaks.addAll(RecordingLeakDetector.drainLeaks());
        }
        assertThat(leaks).as("paranoid leak detection with the recording detector").isNotEmpty();
        assertThat(leaks.get(0)).contains("ByteBuf");
    }

    private static void leakOneBuffer() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(32);
        leaked.writeInt(42);
    }
}
