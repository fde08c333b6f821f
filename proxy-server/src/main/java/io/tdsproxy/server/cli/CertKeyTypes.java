package io.tdsproxy.server.cli;

import io.tdsproxy.tls.KeyType;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --key-type} names of {@code cert generate}: {@code rsa2048}, {@code rsa3072},
 * {@code ecp256}, {@code ecp384}. Also the completion candidates picocli shows in the help.
 */
public final class CertKeyTypes implements ITypeConverter<KeyType>, Iterable<String> {
    private static final Map<String, KeyType> NAMES = Map.of(
            "rsa2048", KeyType.RSA_2048,
            "rsa3072", KeyType.RSA_3072,
            "ecp256", KeyType.EC_P256,
            "ecp384", KeyType.EC_P384);
    private static final List<String> ORDER = List.of("rsa2048", "rsa3072", "ecp256", "ecp384");

    @Override
    public KeyType convert(String value) {
        KeyType type = NAMES.get(value.toLowerCase(Locale.ROOT));
        if (type == null) {
            throw new TypeConversionException("'" + value + "' is not a key type; use one of " + String.join(", ", ORDER));
        }
        return type;
    }

    @Override
    public Iterator<String> iterator() {
        return ORDER.iterator();
    }

    /** The CLI name of a key type, e.g. {@code ecp256}. */
    static String nameOf(KeyType type) {
        for (Map.Entry<String, KeyType> e : NAMES.entrySet()) {
            if (e.getValue() == type) {
                return e.getKey();
            }
        }
        return type.name();
    }
}
