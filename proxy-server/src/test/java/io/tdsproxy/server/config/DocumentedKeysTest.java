package io.tdsproxy.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every key tdsproxy reads is documented in the README's configuration table and in the sample
 * {@code config/tdsproxy.conf}, and the defaults written there are the defaults in the code.
 */
class DocumentedKeysTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void everyKeyHasAReadmeRowAndASampleConfigLine() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String sample = Files.readString(ROOT.resolve("config/tdsproxy.conf"));
        ConfigSections.KEYS.forEach((section, keys) -> keys.forEach(key -> {
            assertThat(readme).as("README row for %s.%s", section, key).contains("| `" + section + "." + key + "` |");
            assertThat(sample).as("config/tdsproxy.conf line for %s.%s", section, key)
                    .containsPattern("(?m)^#?" + Pattern.quote(key) + " = ");
        }));
    }

    @Test
    void theSampleConfigIsValidAndItsCommentedProxyAndAdminValuesAreTheDefaults(@TempDir Path dir) throws Exception {
        String sample = Files.readString(ROOT.resolve("config/tdsproxy.conf"));
        int proxy = sample.indexOf("\n[proxy]\n");
        assertThat(proxy).isPositive();
        String uncommented = sample.substring(0, proxy)
                + sample.substring(proxy).replaceAll("(?m)^#(\\w+ = )", "$1");
        Path file = Files.writeString(dir.resolve("tdsproxy.conf"), uncommented);

        Settings settings = SettingsLoader.load(file, Map.of(), List.of());

        assertThat(settings.tuning()).isEqualTo(ProxyTuning.DEFAULTS);
        assertThat(settings.admin()).isEqualTo(AdminConfig.DEFAULT);
        assertThat(SettingsLoader.load(ROOT.resolve("config/tdsproxy.conf"), Map.of(), List.of()).proxy().backend().port())
                .isEqualTo(1434);
    }
}
