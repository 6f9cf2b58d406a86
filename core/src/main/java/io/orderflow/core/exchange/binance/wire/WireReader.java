package io.orderflow.core.exchange.binance.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import io.orderflow.core.exchange.binance.MalformedMessageException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads one Binance payload field by field from a Jackson streaming parser, checking every value as
 * it goes, so that each wire record's {@code read} method is just its list of keys.
 *
 * <p>Failures name the message (its stream, or what is being read) and the field. Not thread-safe:
 * it keeps the current parser and reuses its level buffers from one message to the next.
 */
public final class WireReader {

    /** A numeric field that has not been seen (all Binance ids and times are non-negative). */
    public static final long ABSENT = Long.MIN_VALUE;

    /** Larger prices or quantities are taken for corruption: no Binance market comes near. */
    static final double ABSURD = 1e12;

    private static final double[] NO_LEVELS = new double[0];

    private JsonParser parser;
    private String context;
    private double[] levelPrices = new double[64];
    private double[] levelQtys = new double[64];

    /** Starts reading from {@code parser}; {@code context} names the message in failures. */
    public void begin(JsonParser parser, String context) {
        this.parser = parser;
        this.context = context;
    }

    /** Continues the same message from another parser: a payload that had to be buffered as a tree. */
    public void use(JsonParser parser) {
        this.parser = parser;
    }

    /** Renames the message in failures, e.g. once the combined-stream envelope has named the stream. */
    public void context(String context) {
        this.context = context;
    }

    /**
     * Advances to the value of the next field of the current object, or returns false at its end.
     * Starts from the object's {@code START_OBJECT}, from a field name not read yet, or from the
     * value of a field already read.
     */
    public boolean nextField() throws IOException, MalformedMessageException {
        JsonToken token = parser.currentToken() == JsonToken.FIELD_NAME ? JsonToken.FIELD_NAME : parser.nextToken();
        if (token == JsonToken.END_OBJECT) {
            return false;
        }
        if (token != JsonToken.FIELD_NAME) {
            throw malformed("expected a field, got " + describe(token));
        }
        parser.nextToken();
        return true;
    }

    /** The name of the field whose value is current (interned by Jackson: a cheap {@code switch} key). */
    public String field() throws IOException {
        return parser.currentName();
    }

    /** Skips the current value, whole objects and arrays included: Binance adds fields over time. */
    public void skipValue() throws IOException {
        parser.skipChildren();
    }

    /** Checks that the current object is one: the start of a payload. */
    public void expectObject() throws MalformedMessageException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw malformed("expected a JSON object, got " + describe(parser.currentToken()));
        }
    }

    /** Checks the event type {@code e} against what the stream carries. */
    public void eventType(String expected) throws IOException, MalformedMessageException {
        String actual = text();
        if (!expected.equals(actual)) {
            throw malformed("e", "expected event type " + expected + ", got " + actual);
        }
    }

    /** The stream named by the current string value, looked up without allocating. */
    public StreamName streamName(StreamNames streams) throws IOException, MalformedMessageException {
        expect(JsonToken.VALUE_STRING, "a string");
        return streams.lookup(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    }

    /** A string value. */
    public String text() throws IOException, MalformedMessageException {
        expect(JsonToken.VALUE_STRING, "a string");
        return parser.getText();
    }

    /**
     * The symbol {@code s}, upper case. When the stream named it ({@code expected} not null), the
     * payload must agree, and the stream's instance is returned so nothing is allocated.
     */
    public String symbol(String expected) throws IOException, MalformedMessageException {
        expect(JsonToken.VALUE_STRING, "a string");
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        if (length == 0) {
            throw malformed(field(), "empty symbol");
        }
        if (expected == null) {
            return parser.getText().toUpperCase(Locale.ROOT);
        }
        if (!equalsIgnoreCase(expected, chars, offset, length)) {
            throw malformed(field(), "symbol mismatch: " + parser.getText() + " on a stream of " + expected);
        }
        return expected;
    }

    /** A non-negative integer (ids, times in ms). */
    public long integer() throws IOException, MalformedMessageException {
        long value = signedInteger();
        if (value < 0) {
            throw malformed(field(), "negative: " + value);
        }
        return value;
    }

    /** An integer that may be negative (an error code). */
    public long signedInteger() throws IOException, MalformedMessageException {
        expect(JsonToken.VALUE_NUMBER_INT, "an integer");
        try {
            return parser.getLongValue();
        } catch (InputCoercionException e) {
            throw malformed(field(), "out of range: " + parser.getText());
        }
    }

    /** A non-negative integer, or {@code orElse} for {@code null}. */
    public long integerOrNull(long orElse) throws IOException, MalformedMessageException {
        return parser.currentToken() == JsonToken.VALUE_NULL ? orElse : integer();
    }

    public boolean bool() throws IOException, MalformedMessageException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw malformed(field(), "expected a boolean, got " + describe(token));
        }
        return token == JsonToken.VALUE_TRUE;
    }

    /** A price or quantity that may be zero: a decimal string in [0, 1e12]. */
    public double decimal() throws IOException, MalformedMessageException {
        return decimal(false);
    }

    /** A price or quantity that must not be zero (a trade's). */
    public double positiveDecimal() throws IOException, MalformedMessageException {
        return decimal(true);
    }

    private double decimal(boolean positive) throws IOException, MalformedMessageException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_STRING) {
            throw malformed(field(), "expected a decimal string, got " + describe(token));
        }
        double value = parseDecimal();
        String problem = problem(value, positive);
        if (problem != null) {
            throw malformed(field(), problem + ": \"" + parser.getText() + "\"");
        }
        return value;
    }

    /**
     * A side of a book, {@code [["price","qty"], ...]}, in wire order. Prices must be positive
     * (zero marks padding in a {@code BookTop}); quantities may be zero (a level removed).
     */
    public Levels levels() throws IOException, MalformedMessageException {
        expect(JsonToken.START_ARRAY, "an array of [price, quantity]");
        String field = field();
        int n = 0;
        for (JsonToken token; (token = parser.nextToken()) != JsonToken.END_ARRAY; n++) {
            if (token != JsonToken.START_ARRAY) {
                throw malformed(field + "[" + n + "]", "expected [price, quantity], got " + describe(token));
            }
            if (n == levelPrices.length) {
                levelPrices = Arrays.copyOf(levelPrices, 2 * n);
                levelQtys = Arrays.copyOf(levelQtys, 2 * n);
            }
            levelPrices[n] = levelValue(field, n, "price", true);
            levelQtys[n] = levelValue(field, n, "quantity", false);
            for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                parser.skipChildren(); // elements after [price, qty]: none today, ignored like unknown keys
            }
        }
        return n == 0
                ? new Levels(NO_LEVELS, NO_LEVELS)
                : new Levels(Arrays.copyOf(levelPrices, n), Arrays.copyOf(levelQtys, n));
    }

    private double levelValue(String field, int level, String part, boolean positive)
            throws IOException, MalformedMessageException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_STRING) {
            throw malformed(field + "[" + level + "]", part + ": expected a decimal string, got " + describe(token));
        }
        double value = parseDecimal();
        String problem = problem(value, positive);
        if (problem != null) {
            throw malformed(field + "[" + level + "]", part + " " + problem + ": \"" + parser.getText() + "\"");
        }
        return value;
    }

    private double parseDecimal() throws IOException {
        return Decimals.parse(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    }

    /** Why {@code value} cannot be a price or quantity, or null if it can. */
    private static String problem(double value, boolean positive) {
        if (Double.isNaN(value)) {
            return "not a plain decimal";
        }
        if (value < 0) {
            return "negative";
        }
        if (value > ABSURD) {
            return "absurd (> 1e12)";
        }
        return positive && value == 0 ? "zero" : null;
    }

    /** {@code value}, or a failure naming the missing field. */
    public long required(long value, String field) throws MalformedMessageException {
        if (value == ABSENT) {
            throw missing(field);
        }
        return value;
    }

    public double required(double value, String field) throws MalformedMessageException {
        if (Double.isNaN(value)) {
            throw missing(field);
        }
        return value;
    }

    public <T> T required(T value, String field) throws MalformedMessageException {
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    private MalformedMessageException missing(String field) {
        return malformed("missing field " + field);
    }

    /** A failure about field {@code field} of the current message. */
    public MalformedMessageException malformed(String field, String reason) {
        return malformed("field " + field + ": " + reason);
    }

    /** A failure about the current message. */
    public MalformedMessageException malformed(String reason) {
        return new MalformedMessageException(context + ": " + reason);
    }

    private void expect(JsonToken expected, String what) throws IOException, MalformedMessageException {
        JsonToken token = parser.currentToken();
        if (token != expected) {
            throw malformed(field(), "expected " + what + ", got " + describe(token));
        }
    }

    private static boolean equalsIgnoreCase(String expected, char[] chars, int offset, int length) {
        if (expected.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (Character.toUpperCase(chars[offset + i]) != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A JSON token in words, for failure messages. */
    public static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the input";
        }
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a floating-point number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case END_OBJECT -> "the end of the object";
            case END_ARRAY -> "the end of the array";
            case FIELD_NAME -> "a field name";
            default -> token.name();
        };
    }
}
