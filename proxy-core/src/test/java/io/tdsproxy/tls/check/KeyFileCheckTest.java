package io.tdsproxy.tls.check;

import io.tdsproxy.tls.PemFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class KeyFileCheckTest {
    private final KeyFileCheck check = new KeyFileCheck();
    private TestCertificate cert;
    private Path keyFile;
    private String owner;

    @BeforeEach
    void writeKey(@TempDir Path dir) throws IOException {
        cert = TestCertificate.builder("db").build();
        keyFile = dir.resolve("server key.pem");
        PemFiles.writePkcs8(keyFile, cert.key());
        owner = Files.getOwner(keyFile).getName();
    }

    private CheckRow withMode(String mode, String runningUser) throws IOException {
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString(mode));
        return check.run(Inputs.withKeyFile(cert, keyFile, runningUser));
    }

    @Test
    void mode600OwnedByTheRunningUserPasses() throws IOException {
        CheckRow row = withMode("rw-------", owner);
        assertThat(row.verdict()).isEqualTo(Verdict.PASS);
        assertThat(row.detail()).contains("mode 600 (rw-------)").contains("owner " + owner);
    }

    @Test
    void mode400IsStricterAndPasses() throws IOException {
        assertThat(withMode("r--------", owner).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void worldReadableFails() throws IOException {
        CheckRow row = withMode("rw-r--r--", owner);
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("mode 644").contains("every user");
        assertThat(row.fix()).isEqualTo("chmod 600 '" + keyFile + "'");
    }

    @Test
    void groupReadableWarns() throws IOException {
        CheckRow row = withMode("rw-r-----", owner);
        assertThat(row.verdict()).isEqualTo(Verdict.WARN);
        assertThat(row.detail()).contains("mode 640 (rw-r-----) is looser than 600");
        assertThat(row.fix()).startsWith("chmod 600");
    }

    @Test
    void ownerExecuteIsNotStricterAndWarns() throws IOException {
        assertThat(withMode("rwx------", owner).verdict()).isEqualTo(Verdict.WARN);
    }

    @Test
    void anotherOwnerWarnsWithTheChown() throws IOException {
        CheckRow row = withMode("rw-------", "mssql");
        assertThat(row.verdict()).isEqualTo(Verdict.WARN);
        assertThat(row.detail()).contains("owned by " + owner + ", but the proxy runs as mssql");
        assertThat(row.fix()).isEqualTo("chown mssql '" + keyFile + "'");
    }

    @Test
    void worldReadableAndAnotherOwnerFailsWithBothFixes() throws IOException {
        CheckRow row = withMode("rw-rw-rw-", "mssql");
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.fix()).contains("chmod 600").contains("&& chown mssql");
    }

    @Test
    void noKeyFileWarns() {
        CheckRow row = check.run(Inputs.of(cert));
        assertThat(row.verdict()).isEqualTo(Verdict.WARN);
        assertThat(row.detail()).contains("not checked");
    }

    @Test
    void octalModes() {
        assertThat(KeyFileCheck.mode(PosixFilePermissions.fromString("rwxr-x--x"))).isEqualTo("751");
        assertThat(KeyFileCheck.mode(PosixFilePermissions.fromString("---------"))).isEqualTo("000");
    }
}
