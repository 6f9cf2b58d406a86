package io.orderflow.job.config;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the raw settings from their sources and layers them: profile file &lt; environment &lt;
 * command-line flags. Values are not validated here; {@link OrderflowConfig} does that once, on the
 * merged result, so an error names the source of the value that actually won.
 */
final class ConfigSources {

    /** Environment variable that names a profile; the flag {@code --profile} wins over it. */
    static final String PROFILE_ENV = "PROFILE";
    static final String PROFILE_FLAG = "--profile";
    /** Where a profile given by name is looked up, relative to the working directory. */
    static final Path PROFILE_DIR = Path.of("jobs", "profiles");

    private static final Logger LOG = LoggerFactory.getLogger(ConfigSources.class);

    /** A raw value and a human-readable account of where it came from. */
    record Setting(String value, String source) implements Serializable {}

    private ConfigSources() {}

    /** The explicit settings from all sources, keyed by canonical name, higher precedence winning. */
    static Map<String, Setting> collect(String[] args, Map<String, String> env) {
        Flags flags = Flags.parse(args);
        Map<String, Setting> settings = new TreeMap<>();
        String profile = flags.profile != null ? flags.profile : nonBlank(env.get(PROFILE_ENV));
        if (profile != null) {
            settings.putAll(readProfile(locateProfile(profile)));
        }
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            // Blank variables count as unset: compose files often pass VAR=${VAR:-} through.
            String value = nonBlank(env.get(key.name()));
            if (value != null) {
                settings.put(key.name(), new Setting(value, "environment variable " + key.name()));
            }
        }
        settings.putAll(flags.settings);
        return settings;
    }

    /** {@code spec} as a path to an existing file, else as a name under {@link #PROFILE_DIR}. */
    static Path locateProfile(String spec) {
        List<Path> candidates = new ArrayList<>(List.of(Path.of(spec)));
        if (!spec.contains("/") && !spec.contains("\\") && !spec.endsWith(".properties")) {
            candidates.add(PROFILE_DIR.resolve(spec + ".properties"));
        }
        return candidates.stream()
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new ConfigException(String.format(
                        "profile '%s' not found: tried %s",
                        spec,
                        candidates.stream()
                                .map(path -> path.toAbsolutePath().toString())
                                .collect(Collectors.joining(" and ")))));
    }

    /** {@code KEY=value} lines; blank lines and lines starting with {@code #} are skipped. */
    static Map<String, Setting> readProfile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read profile " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        Map<String, Setting> settings = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "profile " + file + " line " + (i + 1);
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new ConfigException(where + ": expected KEY=value, got '" + line + "'");
            }
            String name = line.substring(0, equals).trim();
            ConfigKey<?> key = ConfigKeys.byName(name).orElseThrow(() -> new ConfigException(
                    where + ": unknown key " + name + "; see --help"));
            Setting previous = settings.put(key.name(), new Setting(line.substring(equals + 1).trim(), where));
            if (previous != null) {
                throw new ConfigException(where + ": " + name + " is set twice (also at " + previous.source() + ")");
            }
        }
        LOG.info("Read {} setting(s) from profile {}", settings.size(), file.toAbsolutePath());
        return settings;
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * Command-line flags: {@code --key value} or {@code --key=value}, each key at most once; a
     * true-or-false key's flag alone means true ({@code --allow-unsynced}).
     */
    private static final class Flags {
        private String profile;
        private final Map<String, Setting> settings = new LinkedHashMap<>();

        static Flags parse(String[] args) {
            Flags flags = new Flags();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    throw new ConfigException("unexpected argument '" + arg
                            + "': settings are given as --key value or --key=value; see --help");
                }
                int equals = arg.indexOf('=');
                String flag = equals < 0 ? arg : arg.substring(0, equals);
                String value;
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    value = args[++i];
                } else if (ConfigKeys.byFlag(flag).map(ConfigKey::isFlag).orElse(false)) {
                    value = "true";
                } else {
                    throw new ConfigException("flag " + flag + " needs a value; see --help");
                }
                flags.add(flag, value);
            }
            return flags;
        }

        private void add(String flag, String value) {
            if (flag.equals(PROFILE_FLAG)) {
                if (profile != null) {
                    throw new ConfigException("flag " + flag + " is given more than once");
                }
                profile = value;
                return;
            }
            ConfigKey<?> key = ConfigKeys.byFlag(flag).orElseThrow(() ->
                    ConfigKeys.unknownKey(flag.substring(2).toUpperCase(Locale.ROOT).replace('-', '_')));
            if (settings.put(key.name(), new Setting(value, "flag " + flag)) != null) {
                throw new ConfigException("flag " + flag + " is given more than once");
            }
        }
    }
}
