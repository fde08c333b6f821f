package io.tdsproxy.tls;

import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Writes certificates and private keys in the files mssql-conf and OpenSSL read: PEM certificate
 * chains, private keys as PKCS#8, traditional OpenSSL ("PKCS#1": {@code RSA PRIVATE KEY} /
 * {@code EC PRIVATE KEY}), encrypted PKCS#8, and PKCS#12. Files holding a private key are created
 * with mode 600 before any key byte is written.
 */
public final class PemFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private PemFiles() {
    }

    /** Writes one certificate as PEM. */
    public static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
        writeCertificates(file, List.of(certificate));
    }

    /** Writes the chain as consecutive PEM {@code CERTIFICATE} blocks, in list order (leaf first). */
    public static void writeCertificates(Path file, List<X509Certificate> chain) throws IOException {
        Files.write(file, pem(chain.toArray()));
    }

    /** Writes an unencrypted PKCS#8 {@code PRIVATE KEY}. */
    public static void writePkcs8(Path file, PrivateKey key) throws IOException {
        writePrivate(file, pem(new JcaPKCS8Generator(key, null)));
    }

    /** Writes a traditional OpenSSL key: {@code RSA PRIVATE KEY} (PKCS#1) or {@code EC PRIVATE KEY} (SEC1). */
    public static void writePkcs1(Path file, PrivateKey key) throws IOException {
        writePrivate(file, pem(new JcaMiscPEMGenerator(traditional(key))));
    }

    /** Writes an {@code ENCRYPTED PRIVATE KEY} (PKCS#8, PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC). */
    public static void writeEncryptedPkcs8(Path file, PrivateKey key, Secret passphrase) throws IOException {
        char[] chars = passphrase.chars();
        try {
            OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(Bc.PROVIDER)
                    .setPRF(PKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(10_000)
                    .setRandom(new SecureRandom())
                    .setPassword(chars)
                    .build();
            writePrivate(file, pem(new JcaPKCS8Generator(key, encryptor)));
        } catch (OperatorCreationException e) {
            throw new IOException("cannot encrypt private key for " + file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** Writes a legacy encrypted traditional key ({@code Proc-Type: 4,ENCRYPTED}, AES-256-CBC). */
    public static void writeEncryptedPkcs1(Path file, PrivateKey key, Secret passphrase) throws IOException {
        char[] chars = passphrase.chars();
        try {
            writePrivate(file, pem(new JcaMiscPEMGenerator(traditional(key), new JcePEMEncryptorBuilder("AES-256-CBC")
                    .setProvider(Bc.PROVIDER).setSecureRandom(new SecureRandom()).build(chars))));
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** Writes a PKCS#12 keystore with one key entry ({@code alias} "server") and its chain. */
    public static void writePkcs12(Path file, PrivateKey key, List<X509Certificate> chain, Secret passphrase)
            throws IOException {
        char[] chars = passphrase.chars();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, chars, chain.toArray(new Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, chars);
            writePrivate(file, out.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build PKCS#12 for " + file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static PrivateKey traditional(PrivateKey key) throws IOException {
        try {
            return Bc.toBc(key);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot convert " + key.getAlgorithm() + " key to the traditional form: "
                    + e.getMessage(), e);
        }
    }

    /** The PEM text of certificates, keys or BC generator objects. */
    static byte[] pem(Object... objects) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JcaPEMWriter writer = new JcaPEMWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII))) {
            for (Object o : objects) {
                if (o instanceof PemObjectGenerator) {
                    writer.writeObject((PemObjectGenerator) o);
                } else {
                    writer.writeObject(o);
                }
            }
        }
        return out.toByteArray();
    }

    /** Creates or truncates {@code file} with mode 600 (where the file system has POSIX modes), then writes. */
    static void writePrivate(Path file, byte[] content) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix && Files.exists(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), attrs);
             OutputStream out = Channels.newOutputStream(channel)) {
            out.write(content);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }
}
