package io.tdsproxy.bench;

import org.HdrHistogram.Histogram;

/** Percentile columns of an HdrHistogram of microseconds. */
final class Latencies {
    private Latencies() {
    }

    /** A histogram for 1 µs .. 1 h at 3 significant digits. */
    static Histogram newHistogram() {
        return new Histogram(3_600_000_000L, 3);
    }

    static void put(Results r, String prefix, Histogram h) {
        r.put(prefix + "P50us", h.getValueAtPercentile(50));
        r.put(prefix + "P90us", h.getValueAtPercentile(90));
        r.put(prefix + "P99us", h.getValueAtPercentile(99));
        r.put(prefix + "P999us", h.getValueAtPercentile(99.9));
        r.put(prefix + "MaxUs", h.getMaxValue());
    }
}
