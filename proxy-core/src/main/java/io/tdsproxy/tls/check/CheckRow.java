package io.tdsproxy.tls.check;

import java.util.Objects;

/**
 * The doctor's finding for one requirement.
 *
 * @param requirement what was checked
 * @param verdict     PASS, FAIL or WARN
 * @param detail      what the certificate has, in words an operator can act on (never key material)
 * @param fix         what to do about a FAIL or WARN (a command where there is one); empty for PASS
 */
public record CheckRow(Requirement requirement, Verdict verdict, String detail, String fix) {
    public CheckRow {
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(detail, "detail");
        fix = fix == null ? "" : fix;
    }

    static CheckRow pass(Requirement requirement, String detail) {
        return new CheckRow(requirement, Verdict.PASS, detail, "");
    }

    static CheckRow warn(Requirement requirement, String detail, String fix) {
        return new CheckRow(requirement, Verdict.WARN, detail, fix);
    }

    static CheckRow fail(Requirement requirement, String detail, String fix) {
        return new CheckRow(requirement, Verdict.FAIL, detail, fix);
    }
}
