package io.tdsproxy.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@link Settings}: the {@code mssql.conf}-style file, then environment overrides
 * {@code TDSPROXY_<SECTION>_<KEY>}, then {@code --set section.key=value} arguments, and validates all of
 * it at once. Each problem is one line starting with its origin ({@code file:line}, {@code environment
 * NAME} or {@code --set section.key}), naming the key and what was expected, with a did-you-mean for a
 * near-miss key or section.
 *
 * <p>Sections tdsproxy does not own are ignored (SQL Server's {@code [sqlagent]}, {@code [memory]}, ...),
 * except a file section one typo away from an owned one ({@code [netwrok]}), which is an error: ignoring
 * it would silently drop the operator's settings.
 */
public final class SettingsLoader {
    private SettingsLoader() {
    }

    /** {@link #load(Path, Map, List)} with this process's environment. */
    public static Settings load(Path file, List<String> sets) throws ConfigException {
        return load(file, System.getenv(), sets);
    }

    /**
     * Reads, merges and validates.
     *
     * @param file the configuration file; relative paths in it resolve against its directory
     * @param env  environment variables; only {@code TDSPROXY_<SECTION>_<KEY>} ones are read
     * @param sets {@code section.key=value} overrides from the command line, applied last
     * @throws ConfigException listing every problem found
     */
    public static Settings load(Path file, Map<String, String> env, List<String> sets) throws ConfigException {
        IniDocument parsed = IniParser.parse(file);
        List<String> problems = new ArrayList<>();
        nearMissSections(parsed, problems);
        IniDocument document = Overrides.apply(parsed, env, sets, problems);
        ProxyConfig proxy = ConfigLoader.read(document, file.toAbsolutePath().getParent(), problems);
        ProxyTuning tuning = OperationsLoader.tuning(document, problems);
        AdminConfig admin = OperationsLoader.admin(document, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Settings(proxy, tuning, admin);
    }

    private static void nearMissSections(IniDocument document, List<String> problems) {
        for (IniSection section : document.sections()) {
            String folded = section.name().toLowerCase(Locale.ROOT);
            if (!ConfigSections.owned(folded) && DidYouMean.closest(folded, ConfigSections.KEYS.keySet()).isPresent()) {
                problems.add(section.location() + ": " + ConfigSections.notOwned(folded));
            }
        }
    }
}
