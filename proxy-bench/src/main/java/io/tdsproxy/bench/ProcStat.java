package io.tdsproxy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, from Linux /proc (proc(5)): {@code stat} fields 14 and
 * 15 (utime, stime, in clock ticks) and {@code status} VmRSS. Works for any process of the same user
 * (the proxy JVM, HAProxy, stunnel, the backend, this generator) without attaching to it.
 */
final class ProcStat {
    private final String pid;
    private final long clockTicksPerSecond;

    /** @param pid a process id, or "self" */
    ProcStat(String pid, long clockTicksPerSecond) {
        this.pid = pid;
        this.clockTicksPerSecond = clockTicksPerSecond;
    }

    String pid() {
        return pid;
    }

    /** User plus system CPU seconds used so far. */
    double cpuSeconds() {
        String stat = read("stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long utime = Long.parseLong(f[11]);
        long stime = Long.parseLong(f[12]);
        return (utime + stime) / (double) clockTicksPerSecond;
    }

    /** Resident set size in bytes. */
    long rssBytes() {
        for (String line : read("status").split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
    }

    private String read(String file) {
        try {
            return Files.readString(Path.of("/proc", pid, file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/" + file + ": " + e.getMessage(), e);
        }
    }
}
