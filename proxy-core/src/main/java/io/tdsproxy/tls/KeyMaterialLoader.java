package io.tdsproxy.tls;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Reads a server certificate chain and its private key the way mssql-conf {@code network.tlscert} /
 * {@code network.tlskey} name them.
 *
 * <ul>
 *   <li>certificate file: PEM {@code CERTIFICATE} blocks, leaf first (a single DER certificate works too);</li>
 *   <li>key file: PEM {@code PRIVATE KEY} (PKCS#8), {@code ENCRYPTED PRIVATE KEY} (encrypted PKCS#8),
 *       {@code RSA PRIVATE KEY} / {@code EC PRIVATE KEY} (traditional, also the legacy
 *       {@code Proc-Type: 4,ENCRYPTED} form), RSA or EC;</li>
 *   <li>PKCS#12 (recognised by content, not by name) in either file: it supplies the key, and the
 *       chain too when it is the certificate file.</li>
 * </ul>
 *
 * Every failure is a {@link KeyMaterialException} naming the file and what is wrong. The key is
 * checked against the leaf certificate by signing and verifying a challenge.
 */
public final class KeyMaterialLoader {
    private KeyMaterialLoader() {
    }

    /**
     * Loads key and chain.
     *
     * @param certificateFile PEM chain, DER certificate or PKCS#12
     * @param keyFile         PEM key or PKCS#12; may be {@code null} when {@code certificateFile} is PKCS#12
     * @param passphrase      for an encrypted key or a PKCS#12; {@code null} when there is none
     * @throws KeyMaterialException naming the file and the problem
     */
    public static KeyMaterial load(Path certificateFile, Path keyFile, Secret passphrase) {
        byte[] certBytes = read(certificateFile, "certificate");
        if (isPkcs12(certBytes)) {
            KeyMaterial fromStore = loadPkcs12(certificateFile, certBytes, passphrase);
            if (keyFile == null || keyFile.equals(certificateFile)) {
                return fromStore;
            }
            PrivateKey key = loadKey(keyFile, passphrase);
            return checked(new KeyMaterial(key, fromStore.chain()), certificateFile, keyFile);
        }
        List<X509Certificate> chain = readCertificates(certificateFile, certBytes);
        if (keyFile == null) {
            throw new KeyMaterialException(certificateFile + ": no key file given and the certificate file is not PKCS#12");
        }
        return checked(new KeyMaterial(loadKey(keyFile, passphrase), chain), certificateFile, keyFile);
    }

    /** Loads a PKCS#12 file holding both key and chain. */
    public static KeyMaterial load(Path pkcs12File, Secret passphrase) {
        return load(pkcs12File, null, passphrase);
    }

    /** Reads PEM (or a single DER) certificates, e.g. a CA bundle for {@link TrustSettings}. */
    public static List<X509Certificate> readCertificates(Path file) {
        return readCertificates(file, read(file, "certificate"));
    }

    /** Reads a private key file (PEM in any supported form, or PKCS#12). */
    public static PrivateKey loadKey(Path keyFile, Secret passphrase) {
        byte[] bytes = read(keyFile, "private key");
        if (isPkcs12(bytes)) {
            return loadPkcs12(keyFile, bytes, passphrase).key();
        }
        List<Object> objects = parsePem(keyFile, bytes);
        for (Object o : objects) {
            PrivateKey key = toPrivateKey(keyFile, o, passphrase);
            if (key != null) {
                return key;
            }
        }
        throw new KeyMaterialException(keyFile + ": no private key found (expected a PEM PRIVATE KEY, "
                + "ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block, or PKCS#12)");
    }

    private static PrivateKey toPrivateKey(Path file, Object o, Secret passphrase) {
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair) {
                return converter.getPrivateKey(((PEMKeyPair) o).getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo) {
                return converter.getPrivateKey((PrivateKeyInfo) o);
            }
            if (o instanceof PKCS8EncryptedPrivateKeyInfo) {
                char[] chars = requirePassphrase(file, passphrase);
                try {
                    PrivateKeyInfo info = ((PKCS8EncryptedPrivateKeyInfo) o).decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(chars));
                    return converter.getPrivateKey(info);
                } catch (PKCSException e) {
                    throw wrongPassphrase(file, e);
                } finally {
                    Arrays.fill(chars, '\0');
                }
            }
            if (o instanceof PEMEncryptedKeyPair) {
                char[] chars = requirePassphrase(file, passphrase);
                try {
                    PEMKeyPair pair = ((PEMEncryptedKeyPair) o).decryptKeyPair(
                            new JcePEMDecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(chars));
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                } catch (PEMException e) {
                    throw wrongPassphrase(file, e);
                } finally {
                    Arrays.fill(chars, '\0');
                }
            }
            return null;
        } catch (OperatorCreationException | IOException e) {
            throw new KeyMaterialException(file + ": cannot read the private key: " + e.getMessage(), e);
        }
    }

    private static char[] requirePassphrase(Path file, Secret passphrase) {
        if (passphrase == null) {
            throw new KeyMaterialException(file + ": the private key is encrypted and no passphrase was given");
        }
        return passphrase.chars();
    }

    private static KeyMaterialException wrongPassphrase(Path file, Exception e) {
        return new KeyMaterialException(file + ": cannot decrypt the private key (wrong passphrase?)", e);
    }

    private static List<X509Certificate> readCertificates(Path file, byte[] bytes) {
        List<X509Certificate> chain = new ArrayList<>();
        if (!looksLikePem(bytes)) {
            try {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(bytes))) {
                    chain.add((X509Certificate) c);
                }
            } catch (CertificateException e) {
                throw new KeyMaterialException(file + ": neither PEM nor a DER X.509 certificate: " + e.getMessage(), e);
            }
        } else {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object o : parsePem(file, bytes)) {
                if (o instanceof X509CertificateHolder) {
                    try {
                        chain.add(converter.getCertificate((X509CertificateHolder) o));
                    } catch (CertificateException e) {
                        throw new KeyMaterialException(file + ": bad certificate: " + e.getMessage(), e);
                    }
                }
            }
        }
        if (chain.isEmpty()) {
            throw new KeyMaterialException(file + ": no CERTIFICATE found");
        }
        return chain;
    }

    private static List<Object> parsePem(Path file, byte[] bytes) {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (!(o instanceof ASN1ObjectIdentifier)) { // "EC PARAMETERS" blocks precede some EC keys
                    objects.add(o);
                }
            }
        } catch (IOException e) {
            throw new KeyMaterialException(file + ": malformed PEM: " + e.getMessage(), e);
        }
        return objects;
    }

    private static KeyMaterial loadPkcs12(Path file, byte[] bytes, Secret passphrase) {
        char[] chars = passphrase == null ? new char[0] : passphrase.chars();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), chars);
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, chars);
                Certificate[] certs = store.getCertificateChain(alias);
                if (key instanceof PrivateKey && certs != null && certs.length > 0) {
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate c : certs) {
                        chain.add((X509Certificate) c);
                    }
                    return checked(new KeyMaterial((PrivateKey) key, chain), file, file);
                }
            }
            throw new KeyMaterialException(file + ": PKCS#12 holds no private key with a certificate chain");
        } catch (IOException e) {
            throw new KeyMaterialException(file + ": cannot open PKCS#12 (wrong passphrase?): " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException(file + ": cannot read PKCS#12: " + e.getMessage(), e);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static KeyMaterial checked(KeyMaterial material, Path certificateFile, Path keyFile) {
        if (!KeyChecks.matches(material.key(), material.leaf())) {
            throw new KeyMaterialException(keyFile + ": key does not match certificate (first certificate in "
                    + certificateFile + ", subject " + material.leaf().getSubjectX500Principal().getName() + ")");
        }
        return material;
    }

    static boolean isPkcs12(byte[] bytes) {
        if (bytes.length < 2 || bytes[0] != 0x30 || looksLikePem(bytes)) {
            return false;
        }
        try {
            new PKCS12PfxPdu(bytes);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean looksLikePem(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        return head.contains("-----BEGIN ");
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KeyMaterialException(file + ": cannot read " + what + " file: " + e, e);
        }
    }
}
