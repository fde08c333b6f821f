package io.tdsproxy.server.cli;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the packaging files in {@code docker/} and {@code config/} for {@link PackagingTest}. */
final class PackagingFiles {
    /** Tests run in {@code proxy-server/}; the packaging lives at the repository root. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private PackagingFiles() {
    }

    static String read(String relative) throws IOException {
        return Files.readString(ROOT.resolve(relative));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String relative) throws IOException {
        return (Map<String, Object>) new Yaml().load(read(relative));
    }

    /** Every document of a multi-document YAML file. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlDocuments(String relative) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(read(relative))) {
            documents.add((Map<String, Object>) document);
        }
        return documents;
    }

    /** A value down a path of map keys and list indexes, e.g. {@code at(pod, "spec", "containers", 0)}. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            if (step instanceof Integer) {
                current = ((List<Object>) current).get((Integer) step);
            } else {
                current = ((Map<String, Object>) current).get(step);
            }
            if (current == null) {
                throw new AssertionError("nothing at " + List.of(path) + " (missing " + step + ")");
            }
        }
        return (T) current;
    }

    /** The element of a list of maps whose {@code name} is {@code name}. */
    static Map<String, Object> named(List<Map<String, Object>> items, String name) {
        return items.stream().filter(i -> name.equals(i.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no item named " + name + " in " + items));
    }

    /** Dockerfile instructions in order: keyword to its arguments (continuation lines joined). */
    static List<Map.Entry<String, String>> dockerInstructions(String text) {
        List<Map.Entry<String, String>> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.length() == 0)) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String full = pending.toString();
            pending.setLength(0);
            int space = full.indexOf(' ');
            instructions.add(Map.entry(full.substring(0, space), full.substring(space + 1).strip()));
        }
        return instructions;
    }

    /** {@code [Section]} to key to values (a key may repeat) of a systemd unit. */
    static Map<String, Map<String, List<String>>> systemdUnit(String text) {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                current = sections.computeIfAbsent(trimmed.substring(1, trimmed.length() - 1), k -> new LinkedHashMap<>());
                continue;
            }
            int eq = trimmed.indexOf('=');
            current.computeIfAbsent(trimmed.substring(0, eq), k -> new ArrayList<>()).add(trimmed.substring(eq + 1));
        }
        return sections;
    }
}
