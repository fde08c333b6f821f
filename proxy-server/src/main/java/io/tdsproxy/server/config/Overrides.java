package io.tdsproxy.server.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges overrides into a parsed file: environment variables {@code TDSPROXY_<SECTION>_<KEY>}, then
 * {@code --set section.key=value} arguments, each replacing what came before (file &lt; environment &lt;
 * {@code --set}). An override becomes an ordinary {@link IniEntry} whose {@link Location} names its
 * origin ({@code environment TDSPROXY_NETWORK_TCPPORT}, {@code --set network.tcpport}), so every later
 * error about it says where it came from instead of a file line.
 *
 * <p>Overrides may only name sections tdsproxy owns: unlike a file shared with SQL Server, nothing else
 * has a reason to be there. Environment variables of the form {@code TDSPROXY_<WORD>} without a second
 * underscore are not overrides and are left alone.
 */
final class Overrides {
    static final String ENV_PREFIX = "TDSPROXY_";

    private Overrides() {
    }

    /** {@code document} with the overrides applied; problems with an override are added to {@code problems}. */
    static IniDocument apply(IniDocument document, Map<String, String> env, List<String> sets, List<String> problems) {
        Map<String, Draft> sections = new LinkedHashMap<>();
        for (IniSection s : document.sections()) {
            Draft draft = new Draft(s.name(), s.location());
            s.entries().forEach(draft::put);
            sections.put(s.name().toLowerCase(Locale.ROOT), draft);
        }
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ENV_PREFIX)) {
                continue;
            }
            String rest = name.substring(ENV_PREFIX.length());
            int split = rest.indexOf('_');
            if (split <= 0 || split == rest.length() - 1) {
                continue;
            }
            merge(sections, rest.substring(0, split), rest.substring(split + 1), e.getValue().strip(),
                    Location.of("environment " + name), problems);
        }
        for (String arg : sets) {
            int eq = arg.indexOf('=');
            String target = (eq < 0 ? arg : arg.substring(0, eq)).strip();
            int dot = target.indexOf('.');
            if (eq < 0 || dot <= 0 || dot == target.length() - 1) {
                problems.add("--set " + shown(arg, target) + ": expected section.key=value, for example network.tcpport=1533");
                continue;
            }
            merge(sections, target.substring(0, dot), target.substring(dot + 1), arg.substring(eq + 1).strip(),
                    Location.of("--set " + target), problems);
        }
        List<IniSection> merged = new ArrayList<>();
        sections.values().forEach(d -> merged.add(new IniSection(d.name, d.location, new ArrayList<>(d.entries.values()))));
        return new IniDocument(document.source(), merged);
    }

    private static void merge(Map<String, Draft> sections, String section, String key, String value, Location origin,
                              List<String> problems) {
        String folded = section.toLowerCase(Locale.ROOT);
        if (!ConfigSections.owned(folded)) {
            problems.add(origin + ": " + ConfigSections.notOwned(folded));
            return;
        }
        sections.computeIfAbsent(folded, s -> new Draft(s, origin))
                .put(new IniEntry(key.toLowerCase(Locale.ROOT), value, origin));
    }

    /** A malformed argument as typed, unless it may hold a password. */
    private static String shown(String arg, String target) {
        return arg.toLowerCase(Locale.ROOT).contains("password") ? target + "=****" : arg.strip();
    }

    /** A section being assembled; entries keyed by lower-case key, replaced in place. */
    private static final class Draft {
        final String name;
        final Location location;
        final Map<String, IniEntry> entries = new LinkedHashMap<>();

        Draft(String name, Location location) {
            this.name = name;
            this.location = location;
        }

        void put(IniEntry entry) {
            entries.put(entry.key().toLowerCase(Locale.ROOT), entry);
        }
    }
}
