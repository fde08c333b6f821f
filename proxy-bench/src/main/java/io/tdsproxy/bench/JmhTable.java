package io.tdsproxy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.tdsproxy.bench.ResultRows.fmt;

/**
 * The JMH results of a run (JMH's {@code -rf csv} file) as a markdown table, with the bytes each
 * operation moves turned into GB/s for the framing and relay benchmarks.
 */
final class JmhTable {
    private JmhTable() {
    }

    static String render(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            return "";
        }
        List<String> header = split(lines.get(0));
        StringBuilder md = new StringBuilder();
        md.append("| benchmark | parameters | score | ± (99.9 %) | unit | GB/s |\n|---|---|---|---|---|---|\n");
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = split(line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < Math.min(header.size(), cells.size()); i++) {
                row.put(header.get(i), cells.get(i));
            }
            StringBuilder params = new StringBuilder();
            row.forEach((k, v) -> {
                if (k.startsWith("Param: ") && !v.isEmpty()) {
                    params.append(params.length() == 0 ? "" : ", ").append(k.substring(7)).append('=').append(v);
                }
            });
            String name = row.getOrDefault("Benchmark", "?");
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            double score = Double.parseDouble(row.getOrDefault("Score", "NaN"));
            double error = parse(row.get("Score Error (99.9%)"));
            md.append("| ").append(name).append(" | ").append(params).append(" | ").append(fmt(score, 1)).append(" | ")
                    .append(fmt(error, 1)).append(" | ").append(row.getOrDefault("Unit", "?")).append(" | ")
                    .append(fmt(bytesPerOp(name, row) / score, 2)).append(" |\n");
        }
        return md.toString();
    }

    /** Bytes one operation moves (ns/op scores give bytes/ns = GB/s), NaN when not a byte-moving benchmark. */
    private static double bytesPerOp(String name, Map<String, String> row) {
        double packetSize = parse(row.get("Param: packetSize"));
        if (name.startsWith("PacketFramingBenchmark")) {
            return Math.floor(65536 / packetSize) * packetSize;
        }
        if (name.startsWith("RelayBenchmark")) {
            return parse(row.get("Param: packets")) * packetSize;
        }
        return Double.NaN;
    }

    private static double parse(String value) {
        try {
            return value == null ? Double.NaN : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Splits a JMH CSV line: every field is quoted or a plain number; no field holds a comma. */
    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        for (String field : line.split(",", -1)) {
            out.add(field.startsWith("\"") && field.endsWith("\"") && field.length() >= 2
                    ? field.substring(1, field.length() - 1) : field);
        }
        return out;
    }
}
