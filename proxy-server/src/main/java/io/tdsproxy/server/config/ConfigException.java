package io.tdsproxy.server.config;

import java.util.List;

/**
 * The configuration cannot be used. Carries every problem found, each already starting with its
 * {@code file:line}, so that one run shows the operator all mistakes at once.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public ConfigException(List<String> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    /** The individual problems, each a full sentence beginning with its location. */
    public List<String> problems() {
        return problems;
    }

    private static String render(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        return problems.size() + " configuration problems:\n  " + String.join("\n  ", problems);
    }
}
