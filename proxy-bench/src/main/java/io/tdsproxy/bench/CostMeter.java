package io.tdsproxy.bench;

import java.util.Map;

/**
 * CPU seconds of the relay, the backend and this generator, and the relay's heap allocation, between
 * {@link #start()} and {@link #stop(Results, double, String)}. The relay's and backend's figures are
 * optional (no pid, no stats port: reported as "-").
 */
final class CostMeter {
    private final ProcStat relay;
    private final ProcStat backend;
    private final ProcStat self;
    private final ProxyStatsClient stats;
    private double relay0;
    private double backend0;
    private double self0;
    private long allocated0;

    CostMeter(GeneratorOptions o) {
        relay = o.relayPid == null ? null : new ProcStat(o.relayPid, o.clockTicks);
        backend = o.backendPid == null ? null : new ProcStat(o.backendPid, o.clockTicks);
        self = new ProcStat("self", o.clockTicks);
        stats = o.statsPort == null ? null : new ProxyStatsClient(o.statsPort);
    }

    void start() {
        allocated0 = stats == null ? 0 : stats.read(false).get("allocated");
        relay0 = relay == null ? 0 : relay.cpuSeconds();
        backend0 = backend == null ? 0 : backend.cpuSeconds();
        self0 = self.cpuSeconds();
    }

    /**
     * Adds {@code <prefix>RelayCpu}, {@code BackendCpu}, {@code GeneratorCpu} (seconds per
     * {@code units}) and {@code AllocPer} (relay heap bytes per unit) to {@code r}.
     *
     * @param units divisor, e.g. GB relayed or connections made
     */
    void stop(Results r, double units, String prefix) {
        double relayCpu = relay == null ? Double.NaN : relay.cpuSeconds() - relay0;
        double backendCpu = backend == null ? Double.NaN : backend.cpuSeconds() - backend0;
        double selfCpu = self.cpuSeconds() - self0;
        Map<String, Long> after = stats == null ? null : stats.read(false);
        r.put(prefix + "RelayCpu", relay == null ? "-" : (Object) (relayCpu / units));
        r.put(prefix + "BackendCpu", backend == null ? "-" : (Object) (backendCpu / units));
        r.put(prefix + "GeneratorCpu", selfCpu / units);
        r.put(prefix + "Alloc", after == null ? "-" : (Object) ((after.get("allocated") - allocated0) / units));
    }
}
