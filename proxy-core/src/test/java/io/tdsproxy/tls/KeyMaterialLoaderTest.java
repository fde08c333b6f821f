package io.tdsproxy.tls;

import io.tdsproxy.netty.TlsShuttle;
import io.tdsproxy.netty.TlsShuttle.Delivery;
import io.tdsproxy.netty.TlsShuttle.End;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyMaterialLoaderTest {
    private static final Secret PASS = Secret.of("c0rrect horse");

    @TempDir
    Path dir;

    enum KeyFormat { PKCS8, PKCS1, ENCRYPTED_PKCS8, ENCRYPTED_PKCS1, PKCS12_AS_KEY }

    static Stream<Arguments> formats() {
        List<Arguments> args = new ArrayList<>();
        for (KeyType type : new KeyType[] {KeyType.RSA_2048, KeyType.EC_P256, KeyType.EC_P384}) {
            for (KeyFormat format : KeyFormat.values()) {
                args.add(Arguments.of(type, format));
            }
        }
        return args.stream();
    }

    private Path writeKey(GeneratedCertificate cert, KeyFormat format) throws Exception {
        Path key = dir.resolve("server-" + format + ".key");
        switch (format) {
            case PKCS8:
                PemFiles.writePkcs8(key, cert.key());
                break;
            case PKCS1:
                PemFiles.writePkcs1(key, cert.key());
                break;
            case ENCRYPTED_PKCS8:
                PemFiles.writeEncryptedPkcs8(key, cert.key(), PASS);
                break;
            case ENCRYPTED_PKCS1:
                PemFiles.writeEncryptedPkcs1(key, cert.key(), PASS);
                break;
            default:
                PemFiles.writePkcs12(key, cert.key(), cert.chain(), PASS);
                break;
        }
        return key;
    }

    private static boolean encrypted(KeyFormat format) {
        return format != KeyFormat.PKCS8 && format != KeyFormat.PKCS1;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formats")
    void loadsEveryKeyFormat(KeyType type, KeyFormat format) throws Exception {
        GeneratedCertificate cert = TestPki.server(type);
        Path chain = dir.resolve("server.pem");
        PemFiles.writeCertificates(chain, cert.chain());
        Path key = writeKey(cert, format);

        KeyMaterial material = KeyMaterialLoader.load(chain, key, encrypted(format) ? PASS : null);

        assertSameKey(material.key(), cert.key());
        assertThat(material.chain()).containsExactlyElementsOf(cert.chain());
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String text = new String(Files.readAllBytes(key), StandardCharsets.ISO_8859_1);
        switch (format) {
            case PKCS8:
                assertThat(text).contains("-----BEGIN PRIVATE KEY-----");
                break;
            case PKCS1:
                assertThat(text).contains(type == KeyType.RSA_2048 ? "-----BEGIN RSA PRIVATE KEY-----"
                        : "-----BEGIN EC PRIVATE KEY-----").doesNotContain("ENCRYPTED");
                break;
            case ENCRYPTED_PKCS8:
                assertThat(text).contains("-----BEGIN ENCRYPTED PRIVATE KEY-----");
                break;
            case ENCRYPTED_PKCS1:
                assertThat(text).contains("Proc-Type: 4,ENCRYPTED");
                break;
            default:
                assertThat(text).doesNotContain("-----BEGIN");
                break;
        }
    }

    /** Same private value; the encodings may differ (SEC1 with or without the optional curve field). */
    static void assertSameKey(PrivateKey actual, PrivateKey expected) {
        assertThat(actual.getAlgorithm()).isEqualTo(expected.getAlgorithm());
        if (expected instanceof ECPrivateKey) {
            assertThat(((ECPrivateKey) actual).getS()).isEqualTo(((ECPrivateKey) expected).getS());
            assertThat(((ECPrivateKey) actual).getParams().getCurve()).isEqualTo(((ECPrivateKey) expected).getParams().getCurve());
        } else {
            assertThat(((RSAPrivateKey) actual).getPrivateExponent()).isEqualTo(((RSAPrivateKey) expected).getPrivateExponent());
            assertThat(((RSAPrivateKey) actual).getModulus()).isEqualTo(((RSAPrivateKey) expected).getModulus());
        }
    }

    @Test
    void pkcs12IsDetectedByContentWhateverItsName() throws Exception {
        GeneratedCertificate cert = TestPki.server(KeyType.EC_P256);
        Path store = dir.resolve("server.pem"); // misleading name on purpose
        PemFiles.writePkcs12(store, cert.key(), cert.chain(), PASS);
        KeyMaterial material = KeyMaterialLoader.load(store, PASS);
        assertThat(material.leaf()).isEqualTo(cert.certificate());
        assertThat(material.chain()).hasSize(2);
        assertThat(KeyMaterialLoader.load(store, store, PASS).leaf()).isEqualTo(cert.certificate());
    }

    @Test
    void wrongPassphraseNamesTheFile() throws Exception {
        GeneratedCertificate cert = TestPki.server(KeyType.RSA_2048);
        Path chain = dir.resolve("server.pem");
        PemFiles.writeCertificates(chain, cert.chain());
        for (KeyFormat format : new KeyFormat[] {KeyFormat.ENCRYPTED_PKCS8, KeyFormat.ENCRYPTED_PKCS1, KeyFormat.PKCS12_AS_KEY}) {
            Path key = writeKey(cert, format);
            assertThatThrownBy(() -> KeyMaterialLoader.load(chain, key, Secret.of("wrong")))
                    .as(format.toString())
                    .isInstanceOf(KeyMaterialException.class)
                    .hasMessageContaining(key.toString())
                    .hasMessageContaining("wrong passphrase");
        }
    }

    @Test
    void encryptedKeyWithoutPassphraseSaysSo() throws Exception {
        GeneratedCertificate cert = TestPki.server(KeyType.EC_P256);
        Path chain = dir.resolve("server.pem");
        PemFiles.writeCertificates(chain, cert.chain());
        Path key = writeKey(cert, KeyFormat.ENCRYPTED_PKCS8);
        assertThatThrownBy(() -> KeyMaterialLoader.load(chain, key, null))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining(key.toString())
                .hasMessageContaining("encrypted and no passphrase");
    }

    @Test
    void mismatchedKeyIsReported() throws Exception {
        GeneratedCertificate cert = TestPki.server(KeyType.RSA_2048);
        GeneratedCertificate other = CertificateGenerator.builder().subject("other.test").generate();
        GeneratedCertificate ec = TestPki.server(KeyType.EC_P256);
        Path chain = dir.resolve("server.pem");
        PemFiles.writeCertificates(chain, cert.chain());
        Path otherKey = dir.resolve("other.key");
        PemFiles.writePkcs8(otherKey, other.key());
        Path ecKey = dir.resolve("ec.key");
        PemFiles.writePkcs8(ecKey, ec.key());
        for (Path key : List.of(otherKey, ecKey)) {
            assertThatThrownBy(() -> KeyMaterialLoader.load(chain, key, null))
                    .isInstanceOf(KeyMaterialException.class)
                    .hasMessageContaining(key.toString())
                    .hasMessageContaining("key does not match certificate")
                    .hasMessageContaining(chain.toString())
                    .hasMessageContaining(TestPki.HOST);
        }
    }

    @Test
    void certificateFileWithoutCertificateOrGarbage() throws Exception {
        GeneratedCertificate cert = TestPki.server(KeyType.EC_P256);
        Path key = dir.resolve("server.key");
        PemFiles.writePkcs8(key, cert.key());
        assertThatThrownBy(() -> KeyMaterialLoader.load(key, key, null))
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining("no CERTIFICATE found");
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "this is not a certificate");
        assertThatThrownBy(() -> KeyMaterialLoader.load(garbage, key, null))
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining(garbage.toString());
        Path chain = dir.resolve("server.pem");
        PemFiles.writeCertificates(chain, cert.chain());
        assertThatThrownBy(() -> KeyMaterialLoader.load(chain, chain, null))
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining("no private key found");
        Path missing = dir.resolve("missing.key");
        assertThatThrownBy(() -> KeyMaterialLoader.load(chain, missing, null))
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void derCertificateIsReadToo() throws Exception {
        GeneratedCertificate cert = TestPki.server(KeyType.EC_P256);
        Path der = dir.resolve("server.cer");
        Files.write(der, cert.certificate().getEncoded());
        Path key = dir.resolve("server.key");
        PemFiles.writePkcs1(key, cert.key());
        assertThat(KeyMaterialLoader.load(der, key, null).chain()).containsExactly(cert.certificate());
    }

    @Test
    void keyMaterialAndSecretNeverPrintTheKey() throws Exception {
        GeneratedCertificate cert = TestPki.server(KeyType.RSA_2048);
        assertThat(cert.keyMaterial().toString()).contains("****").doesNotContain("modulus");
        assertThat(cert.toString()).contains("****");
        assertThat(PASS.toString()).isEqualTo("****");
    }

    @Test
    void loadedMaterialServesAHandshake() throws Exception {
        GeneratedCertificate cert = TestPki.server(KeyType.RSA_2048);
        Path chain = dir.resolve("server.pem");
        PemFiles.writeCertificates(chain, cert.chain());
        Path key = writeKey(cert, KeyFormat.ENCRYPTED_PKCS8);
        KeyMaterial material = KeyMaterialLoader.load(chain, key, PASS);
        for (TlsProvider provider : TlsProvider.values()) {
            try (End server = TlsShuttle.tds7Server(ServerTlsContexts.tds7(material, TlsProtocols.parse("1.2"), null, provider));
                 End client = TlsShuttle.tds7Client(ClientTlsContexts.tds7(TrustSettings.ca(TestPki.writeCa(dir)),
                         TlsProtocols.parse("1.2"), provider), TestPki.HOST)) {
                assertThat(TlsShuttle.handshake(client, server, Delivery.AS_WRITTEN).succeeded()).isTrue();
            }
        }
    }
}
