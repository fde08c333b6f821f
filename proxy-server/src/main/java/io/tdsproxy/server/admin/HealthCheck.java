package io.tdsproxy.server.admin;

import java.util.Objects;

/**
 * One readiness condition and its state.
 *
 * @param name   what was checked: {@code listener}, {@code certificate} or {@code backend}
 * @param ok     whether it holds
 * @param detail what was found, in words an operator can act on
 */
public record HealthCheck(String name, boolean ok, String detail) {
    public HealthCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }
}
