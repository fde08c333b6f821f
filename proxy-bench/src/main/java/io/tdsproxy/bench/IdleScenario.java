package io.tdsproxy.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code idle}: opens N logged-in connections in two halves, holding each for {@code --hold} seconds,
 * and reports what one more connection costs the relay: RSS from /proc/&lt;relay-pid&gt;/status, and with
 * a {@link ProxyHost} statistics port the live heap (after a full GC) and Netty's direct memory.
 * Per connection = (after the second half - after the first half) / (N / 2). Run it against a fresh
 * relay process: RSS of one that already served many connections grows less (freed memory is reused).
 */
@Command(name = "idle", mixinStandardHelpOptions = true, description = "Relay memory per idle connection.")
final class IdleScenario implements Runnable {
    @Mixin
    GeneratorOptions options;

    @Option(names = "--connections", defaultValue = "500", description = "Connections held. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--hold", defaultValue = "2", description = "Seconds to hold them before measuring. Default: ${DEFAULT-VALUE}.")
    double hold;

    @Override
    public void run() {
        if (options.relayPid == null) {
            throw new IllegalArgumentException("idle needs --relay-pid (the process whose memory is measured)");
        }
        ProcStat relay = new ProcStat(options.relayPid, options.clockTicks);
        ProxyStatsClient stats = options.statsPort == null ? null : new ProxyStatsClient(options.statsPort);
        try (Generator generator = new Generator(options)) {
            // The marginal cost: the first half of the connections pays the one-time costs (JIT, malloc
            // arenas, pool chunks); the second half, measured, can only grow memory, since nothing was freed.
            int firstHalf = connections / 2;
            int measured = connections - firstHalf;
            List<TdsSession> sessions = new ArrayList<>(generator.openMany(firstHalf, 32, 120_000));
            Thread.sleep((long) (hold * 1000));
            Map<String, Long> before = stats == null ? null : stats.read(true);
            long rssBefore = relay.rssBytes();
            sessions.addAll(generator.openMany(measured, 32, 120_000));
            Thread.sleep((long) (hold * 1000));
            Map<String, Long> after = stats == null ? null : stats.read(true);
            long rssAfter = relay.rssBytes();
            Results r = options.results("idle").put("connections", sessions.size()).put("measured", measured)
                    .put("rssBeforeMB", rssBefore / 1e6).put("rssAfterMB", rssAfter / 1e6)
                    .put("rssPerConnKB", (rssAfter - rssBefore) / 1e3 / measured);
            r.put("heapPerConnKB", perConnectionKb(before, after, "heapUsed", measured));
            r.put("nettyDirectPerConnKB", perConnectionKb(before, after, "nettyDirect", measured));
            r.put("negotiated", sessions.get(0).tlsDescription());
            Generator.closeAll(sessions);
            r.emit(options.results);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Object perConnectionKb(Map<String, Long> before, Map<String, Long> after, String key, int n) {
        if (before == null || before.get(key) < 0) {
            return "-";
        }
        return (after.get(key) - before.get(key)) / 1e3 / n;
    }
}
