package io.tdsproxy.tls.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The private key file: mode 600 or stricter, owned by the user running the proxy, as SQL Server's
 * setup does ({@code chown mssql:mssql mssql.key; chmod 600 mssql.key}, sql-server-on-linux-tls.md).
 * A key any local user can read is a failure; group access or another owner is a warning.
 */
final class KeyFileCheck implements Check {
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    @Override
    public Requirement requirement() {
        return Requirement.KEY_FILE;
    }

    @Override
    public CheckRow run(CheckInput in) {
        Path file = in.keyFile();
        if (file == null) {
            return CheckRow.warn(requirement(), "no key file given, so its permissions were not checked",
                    "check the key file yourself: chmod 600 KEY; chown " + in.runningUser() + " KEY");
        }
        String quoted = Certs.shellQuote(file.toString());
        PosixFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, PosixFileAttributes.class);
        } catch (UnsupportedOperationException e) {
            return CheckRow.warn(requirement(), file + " is on a file system without POSIX modes; not checked",
                    "make sure only " + in.runningUser() + " can read " + file);
        } catch (IOException e) {
            return CheckRow.fail(requirement(), "cannot read the attributes of " + file + ": " + e, "check that the file exists");
        }
        Set<PosixFilePermission> perms = attrs.permissions();
        String mode = mode(perms) + " (" + PosixFilePermissions.toString(perms) + ")";
        String owner = attrs.owner().getName();
        String chmod = "chmod 600 " + quoted;
        String chown = "chown " + Certs.shellQuote(in.runningUser()) + " " + quoted;
        if (perms.contains(PosixFilePermission.OTHERS_READ)) {
            return CheckRow.fail(requirement(), file + " has mode " + mode + ": every user on this machine can read the "
                    + "private key", owner.equals(in.runningUser()) ? chmod : chmod + " && " + chown);
        }
        List<String> problems = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        Set<PosixFilePermission> extra = EnumSet.noneOf(PosixFilePermission.class);
        extra.addAll(perms);
        extra.removeAll(OWNER_ONLY);
        if (!extra.isEmpty()) {
            problems.add("mode " + mode + " is looser than 600");
            fixes.add(chmod);
        }
        if (!owner.equals(in.runningUser())) {
            problems.add("owned by " + owner + ", but the proxy runs as " + in.runningUser());
            fixes.add(chown);
        }
        if (problems.isEmpty()) {
            return CheckRow.pass(requirement(), file + ": mode " + mode + ", owner " + owner);
        }
        return CheckRow.warn(requirement(), file + ": " + String.join("; ", problems), String.join(" && ", fixes));
    }

    /** The octal mode, e.g. {@code 640}. */
    static String mode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("%03o", mode);
    }
}
