package io.tdsproxy.testsupport;

import io.netty.util.ResourceLeakDetector;

import java.util.ArrayList;
import java.util.List;

/**
 * A Netty leak detector that remembers every leak it reports, so that {@link LeakCheckExtension}
 * can fail the test class that leaked instead of leaving a log line nobody reads.
 *
 * <p>Installed in every test JVM through {@code -Dio.netty.customResourceLeakDetector} (see the
 * parent pom's {@code test.argLine}); Netty 4.2 instantiates it reflectively with the
 * {@code (Class, int)} constructor.
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {
    private static final List<String> LEAKS = new ArrayList<>();

    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    /** Netty looks this older signature up first and logs an error when it is missing. */
    @SuppressWarnings("deprecation")
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        super(resourceType, samplingInterval, maxActive);
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        super.reportTracedLeak(resourceType, records);
        record(resourceType + " leaked:" + records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        super.reportUntracedLeak(resourceType);
        record(resourceType + " leaked (no records)");
    }

    private static void record(String leak) {
        synchronized (LEAKS) {
            LEAKS.add(leak);
        }
    }

    /** Returns the leaks reported since the last call and forgets them. */
    public static List<String> drainLeaks() {
        synchronized (LEAKS) {
            List<String> copy = List.copyOf(LEAKS);
            LEAKS.clear();
            return copy;
        }
    }
}
