package io.tdsproxy.server.proxy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One certificate reload, as reported to a {@link ReloadListener}.
 *
 * @param trigger  what asked for it
 * @param outcome  how it ended
 * @param detail   for {@link ReloadOutcome#REJECTED}, the failed check or load error in words; else empty
 * @param serial   the serial number of the certificate served after the reload (the old one if rejected)
 * @param notAfter the expiry of the certificate served after the reload
 */
public record ReloadResult(ReloadTrigger trigger, ReloadOutcome outcome, String detail, BigInteger serial,
                           Instant notAfter) {
    public ReloadResult {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(notAfter, "notAfter");
    }
}
