package io.orderflow.job.config;

import io.orderflow.core.exchange.binance.BinanceSymbols;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the text of one setting becomes a typed value, what is allowed (for messages and --help), and
 * the canonical text of a value (for the fingerprint and {@code toMap}).
 *
 * <p>Values are serializable types only, because the config travels to the task managers as Flink
 * global job parameters.
 */
final class ValueType<T> {

    /** The raw text was rejected; the reason completes "KEY=value is ...". */
    static final class InvalidValueException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidValueException(String reason) {
            super(reason);
        }
    }

    @FunctionalInterface
    interface Parser<T> {
        T parse(String raw) throws InvalidValueException;
    }

    private final String allowed;
    private final Parser<T> parser;
    private final Function<T, String> formatter;

    private ValueType(String allowed, Parser<T> parser, Function<T, String> formatter) {
        this.allowed = allowed;
        this.parser = parser;
        this.formatter = formatter;
    }

    /** What is accepted, phrased to follow "expected", e.g. "an integer in [1, 3600]". */
    String allowed() {
        return allowed;
    }

    T parse(String raw) throws InvalidValueException {
        return parser.parse(raw.trim());
    }

    String format(T value) {
        return formatter.apply(value);
    }

    static ValueType<Integer> integer(int min, int max) {
        return new ValueType<>(
                "an integer in [" + min + ", " + max + "]",
                raw -> (int) parseWhole(raw, min, max),
                String::valueOf);
    }

    static ValueType<Long> longInteger(long min, long max) {
        String allowed;
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            allowed = "an integer";
        } else if (max == Long.MAX_VALUE) {
            allowed = "an integer >= " + min;
        } else {
            allowed = "an integer in [" + min + ", " + max + "]";
        }
        return new ValueType<>(allowed, raw -> parseWhole(raw, min, max), String::valueOf);
    }

    static ValueType<Double> number(Range range) {
        return new ValueType<>(
                "a number " + range,
                raw -> {
                    double value = parseFinite(raw);
                    if (!range.contains(value)) {
                        throw new InvalidValueException("out of range");
                    }
                    return value;
                },
                ValueType::canonical);
    }

    /** A speed: {@code max} (as fast as possible, held as +∞) or a number in {@code range}. */
    static ValueType<Double> speed(Range range) {
        ValueType<Double> number = number(range);
        return new ValueType<>(
                "max, or a number " + range,
                raw -> raw.equalsIgnoreCase("max") ? Double.POSITIVE_INFINITY : number.parse(raw),
                value -> value == Double.POSITIVE_INFINITY ? "max" : canonical(value));
    }

    /** One of the constants of {@code type}, written in lower case; input is case-insensitive. */
    static <E extends Enum<E>> ValueType<E> choice(Class<E> type) {
        E[] constants = type.getEnumConstants();
        return new ValueType<>(
                "one of " + Arrays.stream(constants).map(ValueType::lowerName).collect(Collectors.joining(", ")),
                raw -> {
                    for (E constant : constants) {
                        if (constant.name().equalsIgnoreCase(raw)) {
                            return constant;
                        }
                    }
                    throw new InvalidValueException("not a known choice");
                },
                ValueType::lowerName);
    }

    /** Exchange symbols, upper-cased; order kept because it is the order the user asked for. */
    static ValueType<List<String>> symbols() {
        return new ValueType<>(
                "a comma-separated list of one or more distinct symbols: " + BinanceSymbols.DESCRIPTION,
                raw -> {
                    if (raw.isEmpty()) {
                        throw new InvalidValueException("blank");
                    }
                    List<String> symbols = new ArrayList<>();
                    Set<String> seen = new HashSet<>();
                    for (String item : raw.split(",", -1)) {
                        String symbol = item.trim().toUpperCase(Locale.ROOT);
                        if (!BinanceSymbols.isSymbol(symbol)) {
                            throw new InvalidValueException("invalid (symbol '" + item.trim() + "' is not a Binance symbol)");
                        }
                        if (!seen.add(symbol)) {
                            throw new InvalidValueException("invalid (duplicate symbol " + symbol + ")");
                        }
                        symbols.add(symbol);
                    }
                    return List.copyOf(symbols);
                },
                symbols -> String.join(",", symbols));
    }

    static ValueType<String> path() {
        return new ValueType<>(
                "a non-blank path",
                raw -> {
                    if (raw.isEmpty()) {
                        throw new InvalidValueException("blank");
                    }
                    return raw;
                },
                Function.identity());
    }

    /** true or false; on the command line a flag alone means true ({@code --capture}). */
    static ValueType<Boolean> flag() {
        return FLAG;
    }

    private static final ValueType<Boolean> FLAG = new ValueType<>(
            "true or false",
            raw -> switch (raw.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new InvalidValueException("not true or false");
            },
            String::valueOf);

    boolean isFlag() {
        return this == FLAG;
    }

    /** A URL with one of the given schemes, or empty for the default. */
    static ValueType<String> optionalUrl(String... schemes) {
        List<String> allowedSchemes = List.of(schemes);
        return new ValueType<>(
                "empty, or a URL starting with " + String.join(":// or ", allowedSchemes) + "://",
                raw -> {
                    if (raw.isEmpty()) {
                        return raw;
                    }
                    if (allowedSchemes.stream().noneMatch(s -> raw.startsWith(s + "://"))) {
                        throw new InvalidValueException("not a " + String.join("/", allowedSchemes) + " URL");
                    }
                    try {
                        if (new URI(raw).getHost() == null) {
                            throw new InvalidValueException("not a URL with a host");
                        }
                    } catch (URISyntaxException e) {
                        throw new InvalidValueException("not a valid URL (" + e.getReason() + ")");
                    }
                    return raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
                },
                Function.identity());
    }

    /**
     * A secret that may be left empty: visible ASCII without spaces (it goes into an HTTP header). Its
     * canonical text hides it, so it stays out of logs, the Web UI and the Parquet footers; errors
     * about it do not repeat it either.
     */
    static ValueType<String> secret() {
        return SECRET;
    }

    private static final ValueType<String> SECRET = new ValueType<>(
            "empty, or printable ASCII characters without spaces",
            raw -> {
                if (!raw.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                    throw new InvalidValueException("invalid (not printable ASCII without spaces)");
                }
                return raw;
            },
            value -> value.isEmpty() ? "" : "(hidden)");

    boolean isSecret() {
        return this == SECRET;
    }

    /** Comma-separated paths, possibly none. */
    static ValueType<List<String>> paths() {
        return new ValueType<>(
                "a comma-separated list of paths, or empty",
                raw -> Arrays.stream(raw.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList(),
                paths -> String.join(",", paths));
    }

    /** Words separated by spaces, possibly none (flags handed on to another command). */
    static ValueType<List<String>> words() {
        return new ValueType<>(
                "space-separated words, or empty",
                raw -> Arrays.stream(raw.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList(),
                words -> String.join(" ", words));
    }

    /** A path that may be left empty (meaning: none). */
    static ValueType<String> optionalPath() {
        return new ValueType<>("a path, or empty for none", raw -> raw, Function.identity());
    }

    /** Finite numbers, not all zero (a weight vector of zeros would silence the signal). */
    static ValueType<double[]> weights() {
        return new ValueType<>(
                "a comma-separated list of finite numbers, not all zero",
                raw -> {
                    String[] items = raw.split(",", -1);
                    double[] weights = new double[items.length];
                    for (int i = 0; i < items.length; i++) {
                        try {
                            weights[i] = parseFinite(items[i].trim());
                        } catch (InvalidValueException e) {
                            throw new InvalidValueException(
                                    "invalid (item " + (i + 1) + " '" + items[i].trim() + "' is " + e.getMessage() + ")");
                        }
                    }
                    if (Arrays.stream(weights).allMatch(w -> w == 0.0)) {
                        throw new InvalidValueException("invalid (all weights are zero)");
                    }
                    return weights;
                },
                weights -> Arrays.stream(weights).mapToObj(ValueType::canonical).collect(Collectors.joining(",")));
    }

    /**
     * Canonical text of a double: no exponent, no trailing zeros, so 60 and 60.0 read the same and
     * the fingerprint does not depend on how a number was typed.
     */
    static String canonical(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static long parseWhole(String raw, long min, long max) throws InvalidValueException {
        BigInteger value;
        try {
            value = new BigInteger(raw);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("not an integer");
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new InvalidValueException("out of range");
        }
        return value.longValueExact();
    }

    /** BigDecimal's grammar is strict: no NaN, no Infinity, no "1.5d", no hex, no surrounding text. */
    private static double parseFinite(String raw) throws InvalidValueException {
        double value;
        try {
            value = new BigDecimal(raw).doubleValue();
        } catch (NumberFormatException e) {
            throw new InvalidValueException("not a number");
        }
        if (Double.isInfinite(value)) {
            throw new InvalidValueException("not finite");
        }
        return value;
    }

    private static String lowerName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** An interval of doubles; either end may be open, and the upper one may be unbounded. */
    record Range(double min, boolean minInclusive, double max, boolean maxInclusive) {

        static Range closed(double min, double max) {
            return new Range(min, true, max, true);
        }

        static Range openClosed(double min, double max) {
            return new Range(min, false, max, true);
        }

        static Range atLeast(double min) {
            return new Range(min, true, Double.POSITIVE_INFINITY, false);
        }

        boolean contains(double value) {
            boolean aboveMin = minInclusive ? value >= min : value > min;
            boolean belowMax = maxInclusive ? value <= max : value < max;
            return aboveMin && belowMax;
        }

        @Override
        public String toString() {
            if (max == Double.POSITIVE_INFINITY) {
                return (minInclusive ? ">= " : "> ") + canonical(min);
            }
            return (minInclusive ? "[" : "(") + canonical(min) + ", " + canonical(max) + (maxInclusive ? "]" : ")");
        }
    }
}
