package io.tdsproxy.tls.check;

/** One requirement's check; stateless, so one instance serves every report. */
interface Check {
    /** The requirement this check reports on. */
    Requirement requirement();

    /** Examines the input; a check never throws for a bad certificate, it reports it. */
    CheckRow run(CheckInput input);
}
