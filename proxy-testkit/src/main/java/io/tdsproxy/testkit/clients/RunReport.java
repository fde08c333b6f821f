package io.tdsproxy.testkit.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Renders a client run for assertion messages: bounded output, errors, and the end of its TDSDUMP. */
final class RunReport {
    private static final int MAX_STDOUT = 4000;
    private static final int DUMP_TAIL = 6000;

    private RunReport() {
    }

    static String describe(ExternalProcess.Result process, Path dump) {
        String out = process.stdout();
        StringBuilder text = new StringBuilder().append(process.command()).append(" exited ").append(process.exitCode())
                .append("\n--- stdout");
        if (out.length() > MAX_STDOUT) {
            text.append(" (first ").append(MAX_STDOUT).append(" of ").append(out.length()).append(" chars)\n")
                    .append(out, 0, MAX_STDOUT);
        } else {
            text.append('\n').append(out);
        }
        text.append("\n--- stderr\n").append(process.stderr());
        if (dump != null && Files.exists(dump)) {
            try {
                String trace = Files.readString(dump, StandardCharsets.ISO_8859_1);
                text.append("\n--- TDSDUMP (end of ").append(dump).append(")\n")
                        .append(trace.substring(Math.max(0, trace.length() - DUMP_TAIL)));
            } catch (IOException e) {
                text.append("\n(TDSDUMP unreadable: ").append(e).append(')');
            }
        }
        return text.toString();
    }
}
