package io.orderflow.job.config;

import java.util.Locale;
import java.util.Optional;

/**
 * One configuration key: its name, default, description and value type. Parsing, --help, the
 * fingerprint and {@code toMap} are all driven by these definitions (see {@link ConfigKeys}).
 *
 * @param <T> the type of the parsed value
 */
final class ConfigKey<T> {

    private final String name;
    private final ValueType<T> type;
    private final String defaultValue;
    private final String defaultHelp;
    private final String crossKeyRule;
    private final String description;
    private final boolean operational;

    private ConfigKey(
            String name,
            ValueType<T> type,
            String defaultValue,
            String defaultHelp,
            String crossKeyRule,
            String description,
            boolean operational) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.defaultHelp = defaultHelp;
        this.crossKeyRule = crossKeyRule;
        this.description = description;
        this.operational = operational;
    }

    static <T> ConfigKey<T> of(String name, ValueType<T> type, String defaultValue, String description) {
        return new ConfigKey<>(name, type, defaultValue, defaultValue, null, description, false);
    }

    /** A key whose default is computed from other keys; {@code defaultHelp} says how, for --help. */
    static <T> ConfigKey<T> derived(String name, ValueType<T> type, String defaultHelp, String description) {
        return new ConfigKey<>(name, type, null, defaultHelp, null, description, false);
    }

    /** A true-or-false key: on the command line, its flag alone means true. */
    boolean isFlag() {
        return type.isFlag();
    }

    /** The same key, with a constraint involving other keys added to what is allowed. */
    ConfigKey<T> requiring(String rule) {
        return new ConfigKey<>(name, type, defaultValue, defaultHelp, rule, description, operational);
    }

    /**
     * The same key, marked as operational: it says where or how long the job runs, not what it
     * computes, so it stays out of the fingerprint (a resumed run stamps the same one).
     */
    ConfigKey<T> operational() {
        return new ConfigKey<>(name, type, defaultValue, defaultHelp, crossKeyRule, description, true);
    }

    boolean isOperational() {
        return operational;
    }

    /** Canonical name, also the environment variable and the profile-file key. */
    String name() {
        return name;
    }

    /** Command-line flag: the name in lower-case kebab form, e.g. {@code --parquet-rotate-sec}. */
    String flag() {
        return "--" + name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    String description() {
        return description;
    }

    /** Raw default text; empty when the default is derived from other keys. */
    Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    String defaultHelp() {
        return defaultHelp;
    }

    String allowed() {
        return crossKeyRule == null ? type.allowed() : type.allowed() + ", " + crossKeyRule;
    }

    /**
     * Parses and validates one raw value.
     *
     * @param source where the value came from, appended to the error message
     */
    T parse(String raw, String source) {
        try {
            return type.parse(raw);
        } catch (ValueType.InvalidValueException e) {
            throw reject(raw, e.getMessage(), source);
        }
    }

    /** Canonical text of a value of this key (as produced by {@link #parse}). */
    @SuppressWarnings("unchecked")
    String format(Object value) {
        return type.format((T) value);
    }

    /** An error of the form "KEY=value is reason: expected allowed (description) [from source]". */
    ConfigException reject(String raw, String reason, String source) {
        return new ConfigException(String.format(
                "%s=%s is %s: expected %s (%s) [from %s]",
                name, type.isSecret() ? "(hidden)" : raw.trim(), reason, allowed(), description, source));
    }

    @Override
    public String toString() {
        return name;
    }
}
