package io.tdsproxy.server.proxy;

/** What asked for a certificate reload. Bounded: fit for metric tags. */
public enum ReloadTrigger {
    /** The certificate or key file changed on disk ({@link CertificateWatcher}). */
    FILE_CHANGE,
    /** The process received SIGHUP ({@code systemctl reload}, {@code kill -HUP}). */
    SIGHUP,
    /** A direct call, e.g. from an admin endpoint or a test. */
    API
}
