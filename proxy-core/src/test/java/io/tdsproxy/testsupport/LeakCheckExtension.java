package io.tdsproxy.testsupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Fails a test class when Netty reported a buffer leak while it ran.
 *
 * <p>Registered for every test through JUnit's extension auto-detection (the ServiceLoader file in
 * this test-jar). Netty only notices a leak when a leaked buffer has been garbage collected and a new
 * buffer is tracked, so after the class we collect garbage and allocate a few tracked buffers to give
 * the detector its chance to report.
 */
public final class LeakCheckExtension implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(50);
            provokeLeakReports();
        }
        List<String> leaks = RecordingLeakDetector.drainLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) in "
                    + context.getDisplayName() + ":\n" + String.join("\n\n", leaks));
        }
    }

    private static void provokeLeakReports() {
        for (int i = 0; i < 64; i++) {
            ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
            pooled.release();
            ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
            unpooled.release();
        }
    }
}
