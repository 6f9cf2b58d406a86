package io.orderflow.testkit.loopback;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded mutations of real Binance spot frames (an {@code aggTrade}, a {@code depthUpdate} and a
 * {@code bookTicker} as Binance sent them), to throw at a client as bad input; the same seed gives
 * the same frames.
 *
 * <p>Every frame must be counted exactly once by a consumer: rejected (malformed), well-formed but
 * not consumed (unsupported, an unsolicited method answer), or, for a trade that stays valid, a
 * duplicate. That is why a trade frame carries {@code tradeId}, which the consumer must already have
 * emitted, and why no mutation touches that id's digits: a trade with another valid id is a different
 * trade, which no parser can tell from a real one. For the same reason, book frames get only the
 * mutations that cannot leave a valid diff or ticker (a stale diff would be ignored, not counted).
 */
public final class FrameFuzzer {

    public enum Mutation {
        TRUNCATED, BYTE_FLIP, WRONG_TYPE, MISSING_FIELD, HUGE_NUMBER, NON_FINITE, UNKNOWN_EVENT, UNKNOWN_STREAM,
        DEEP_NESTING, EMPTY, BINARY, CONTROL_CHARS, WRONG_SHAPE
    }

    /** One frame: text, or bytes for a binary frame (where bytes that are not UTF-8 can travel). */
    public record Frame(Mutation mutation, String text, byte[] bytes) {

        public boolean binary() {
            return bytes != null;
        }
    }

    private static final Mutation[] BOOK_MUTATIONS = {Mutation.TRUNCATED, Mutation.WRONG_TYPE, Mutation.MISSING_FIELD,
        Mutation.HUGE_NUMBER, Mutation.NON_FINITE, Mutation.UNKNOWN_STREAM, Mutation.DEEP_NESTING, Mutation.EMPTY,
        Mutation.BINARY, Mutation.CONTROL_CHARS};
    private static final String[] WRONG_TYPES = {"{}", "true", "null", "\"x\"", "[[\"1\",{}]]", "{\"a\":1}"};
    private static final String[] HUGE_NUMBERS = {"1" + "0".repeat(25), "-99999999999999999999", "1e400", "-1e400"};
    private static final String[] NON_FINITE = {"\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"+Infinity\"", "NaN"};
    private static final String[] UNKNOWN_EVENTS = {"aggTrades", "trade2", "", "depthUpdate", "kline", "AGGTRADE"};
    private static final String[] UNKNOWN_STREAMS = {"@foo", "@kline_1m", "@ticker", "@depth@fast", "", "@",
        "@aggTrade@1s", "@bookTicker!"};

    private final SplittableRandom random;
    private final String symbol;
    private final String stream;
    private final long tradeId;

    /**
     * @param symbol an upper-case symbol the consumer reads
     * @param tradeId a trade id of {@code symbol} the consumer has already emitted
     */
    public FrameFuzzer(long seed, String symbol, long tradeId) {
        this.random = new SplittableRandom(seed);
        this.symbol = symbol;
        this.stream = symbol.toLowerCase(Locale.ROOT);
        this.tradeId = tradeId;
    }

    /** The next {@code count} frames. */
    public List<Frame> next(int count) {
        List<Frame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add(next());
        }
        return frames;
    }

    public Frame next() {
        int template = random.nextInt(3);
        if (template == 0) {
            return tradeFrame(Mutation.values()[random.nextInt(Mutation.values().length)]);
        }
        Mutation mutation = BOOK_MUTATIONS[random.nextInt(BOOK_MUTATIONS.length)];
        return bookFrame(template == 1 ? depthFields() : tickerFields(), template == 1 ? "@depth@100ms" : "@bookTicker",
                mutation);
    }

    private Frame tradeFrame(Mutation mutation) {
        List<String[]> fields = tradeFields();
        String kind = "@aggTrade";
        return switch (mutation) {
            case BYTE_FLIP -> text(mutation, flip(message(stream + kind, fields)));
            case UNKNOWN_EVENT -> text(mutation, message(stream + kind, with(fields, "e", quoted(pick(UNKNOWN_EVENTS)))));
            case WRONG_SHAPE -> text(mutation, wrongShape(message(stream + kind, fields), fields));
            default -> bookFrame(fields, kind, mutation);
        };
    }

    private Frame bookFrame(List<String[]> fields, String kind, Mutation mutation) {
        String whole = message(stream + kind, fields);
        return switch (mutation) {
            case TRUNCATED -> text(mutation, whole.substring(0, 1 + random.nextInt(whole.length() - 1)));
            case WRONG_TYPE -> text(mutation, message(stream + kind, with(fields, key(fields), pick(WRONG_TYPES))));
            case MISSING_FIELD -> text(mutation, message(stream + kind, without(fields, requiredKey(fields))));
            case HUGE_NUMBER -> text(mutation, message(stream + kind, with(fields, key(fields), pick(HUGE_NUMBERS))));
            case NON_FINITE -> text(mutation, message(stream + kind, nonFinite(fields)));
            case UNKNOWN_STREAM -> text(mutation, message(stream + pick(UNKNOWN_STREAMS), fields));
            case DEEP_NESTING -> text(mutation, "{\"stream\":\"" + stream + kind + "\",\"data\":" + nested() + "}");
            case EMPTY -> text(mutation, pick(new String[] {"", " ", "\n", "\t \r\n"}));
            case BINARY -> new Frame(mutation, null, bytes());
            case CONTROL_CHARS -> text(mutation, controlChars());
            default -> throw new IllegalArgumentException(mutation + " is for trade frames");
        };
    }

    /** The real frames' fields, each a key and its raw JSON value. */
    private List<String[]> tradeFields() {
        return fields("e", "\"aggTrade\"", "E", "1633998523963", "s", quoted(symbol), "a", Long.toString(tradeId),
                "p", "\"0.35280000\"", "q", "\"58.00000000\"", "f", "19862790", "l", "19862790", "T", "1633998523963",
                "m", "false", "M", "true");
    }

    private List<String[]> depthFields() {
        return fields("e", "\"depthUpdate\"", "E", "1633998512068", "s", quoted(symbol), "U", "499869750",
                "u", "499869752", "b", "[[\"0.35130000\",\"6195.00000000\"],[\"0.34750000\",\"5548.00000000\"]]",
                "a", "[]");
    }

    private List<String[]> tickerFields() {
        return fields("u", "499869768", "s", quoted(symbol), "b", "\"0.35210000\"", "B", "\"672.00000000\"",
                "a", "\"0.35260000\"", "A", "\"3199.00000000\"");
    }

    private static List<String[]> fields(String... keysAndValues) {
        List<String[]> fields = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.add(new String[] {keysAndValues[i], keysAndValues[i + 1]});
        }
        return fields;
    }

    private static String message(String streamName, List<String[]> fields) {
        StringBuilder json = new StringBuilder("{\"stream\":\"").append(streamName).append("\",\"data\":{");
        for (int i = 0; i < fields.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(fields.get(i)[0]).append("\":").append(fields.get(i)[1]);
        }
        return json.append("}}").toString();
    }

    private static List<String[]> with(List<String[]> fields, String key, String value) {
        List<String[]> changed = new ArrayList<>();
        for (String[] field : fields) {
            changed.add(field[0].equals(key) ? new String[] {key, value} : field);
        }
        return changed;
    }

    private static List<String[]> without(List<String[]> fields, String key) {
        return fields.stream().filter(field -> !field[0].equals(key)).toList();
    }

    /** A key a message cannot do without: not {@code M} (ignored), nor {@code e} (the stream names the kind). */
    private String requiredKey(List<String[]> fields) {
        String key;
        do {
            key = key(fields);
        } while (key.equals("e"));
        return key;
    }

    /** A key to break: any but the trade's {@code M}, which Binance documents as ignored. */
    private String key(List<String[]> fields) {
        String key;
        do {
            key = fields.get(random.nextInt(fields.size()))[0];
        } while (key.equals("M"));
        return key;
    }

    /** A price or quantity (a decimal string, alone or in a level) made NaN or infinite. */
    private List<String[]> nonFinite(List<String[]> fields) {
        List<String[]> decimals = fields.stream().filter(field -> field[1].startsWith("\"0.") || field[1].startsWith("[[")
                || field[1].matches("\"[0-9.]+\"") && !field[0].equals("e")).toList();
        String[] field = decimals.get(random.nextInt(decimals.size()));
        String value = pick(NON_FINITE);
        return with(fields, field[0], field[1].startsWith("[[") ? "[[" + value + ",\"1.0\"]]" : value);
    }

    /** One bit of one character flipped, anywhere but in the trade id's digits. */
    private String flip(String whole) {
        String id = "\"a\":" + tradeId;
        int idStart = whole.indexOf(id) + 4;
        int idEnd = idStart + id.length() - 4;
        int at;
        do {
            at = random.nextInt(whole.length());
        } while (at >= idStart && at < idEnd);
        char flipped = (char) (whole.charAt(at) ^ (1 << random.nextInt(8)));
        return whole.substring(0, at) + flipped + whole.substring(at + 1);
    }

    private String wrongShape(String whole, List<String[]> fields) {
        String data = whole.substring(whole.indexOf("\"data\":") + 7, whole.length() - 1);
        return switch (random.nextInt(12)) {
            case 0 -> "[" + whole + "]";
            case 1 -> quoted(whole.replace("\"", "\\\""));
            case 2 -> Long.toString(random.nextLong());
            case 3 -> "null";
            case 4 -> "{\"stream\":\"" + stream + "@aggTrade\",\"data\":[" + data + "]}";
            case 5 -> "{\"data\":" + data + "}";
            case 6 -> "{\"stream\":\"" + stream + "@aggTrade\"}";
            case 7 -> "{\"result\":null,\"id\":" + (1_000_000 + random.nextInt(1_000)) + "}";
            case 8 -> "{\"error\":{\"code\":2,\"msg\":\"Invalid request\"},\"id\":" + random.nextInt(1_000) + "}";
            case 9 -> whole + whole;
            case 10 -> "{\"stream\":" + random.nextInt(100) + ",\"data\":" + data + "}";
            default -> "{\"stream\":\"" + stream + "@aggTrade\",\"data\":" + data + ",\"stream\":\"x@y\"}";
        };
    }

    /** Arrays or objects nested up to 5,000 deep: past Jackson's depth limit (1,000), or just inside it. */
    private String nested() {
        int depth = new int[] {2, 64, 999, 1_001, 5_000}[random.nextInt(5)];
        boolean arrays = random.nextBoolean();
        return arrays ? "[".repeat(depth) + "]".repeat(depth) : "{\"x\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** Random bytes, most of them not UTF-8 (0x80 to 0xff alone). */
    private byte[] bytes() {
        byte[] bytes = new byte[1 + random.nextInt(64)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** Text that looks binary: control characters and Latin-1 and other characters below the surrogates. */
    private String controlChars() {
        char[] chars = new char[1 + random.nextInt(64)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) random.nextInt(0x800);
        }
        return new String(chars);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String quoted(String value) {
        return "\"" + value + "\"";
    }

    private static Frame text(Mutation mutation, String text) {
        return new Frame(mutation, text, null);
    }
}
