package io.orderflow.core.exchange.binance;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.base.ParserMinimalBase;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A Jackson {@code JsonParser} for plain JSON only: strings without escapes or control characters,
 * integers of up to 18 digits, no fractions or exponents, at most {@value #MAX_DEPTH} levels deep.
 * That is every message Binance sends on its market streams. The wire records read it exactly as
 * they read Jackson's own parser, about twice as fast, and one instance serves every message of a
 * connection: no parser, context or buffer is built per message.
 *
 * <p>It accepts only what is valid JSON. Anything else, valid or not, makes it throw {@link Decline},
 * and {@link BinanceParser} parses that message again with Jackson, whose outcome (an event, or the
 * reason it is malformed) is then the answer: this parser changes how fast a message is read, never
 * what it is read as.
 *
 * <p>Not thread-safe; text, names and numbers are valid until the next token.
 */
final class PlainJsonParser extends ParserMinimalBase {

    /** Thrown, without a stack trace, for anything outside plain JSON. */
    static final class Decline extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private Decline() {
            super("not plain JSON: Jackson reads this message", null, false, false);
        }
    }

    private static final Decline DECLINE = new Decline();
    private static final int MAX_DEPTH = 16;
    private static final int MAX_DIGITS = 18; // any 18 digits fit a long
    private static final int NAME_SLOTS = 64; // a power of two
    private static final String[] ONE_CHAR_NAMES = new String[128];

    static {
        for (char c = 0; c < ONE_CHAR_NAMES.length; c++) {
            ONE_CHAR_NAMES[c] = String.valueOf(c);
        }
    }

    private char[] text = new char[512];
    private int end;
    private int pos;

    private final boolean[] inObject = new boolean[MAX_DEPTH + 1];
    private int depth;
    private boolean needComma;
    private boolean rootDone;
    private boolean closed;

    /** The current string, name or number: {@code [tokenStart, tokenStart + tokenLength)} of {@link #text}. */
    private int tokenStart;
    private int tokenLength;
    private long longValue;
    private String name;

    /** Field names seen, so that a name is a String with its hash code already computed, not a new one. */
    private final String[] names = new String[NAME_SLOTS];

    /** Starts reading {@code message} from its beginning. */
    PlainJsonParser reset(String message) {
        int length = message.length();
        if (length > text.length) {
            text = new char[Math.max(length, 2 * text.length)];
        }
        message.getChars(0, length, text, 0);
        end = length;
        pos = 0;
        depth = 0;
        needComma = false;
        rootDone = false;
        closed = false;
        name = null;
        _currToken = null;
        return this;
    }

    @Override
    public JsonToken nextToken() {
        if (_currToken == JsonToken.FIELD_NAME) {
            skipWhitespace();
            expect(':');
            skipWhitespace();
            return readValue();
        }
        skipWhitespace();
        if (depth == 0) {
            if (rootDone) {
                if (pos < end) {
                    throw DECLINE; // trailing content: Jackson words it
                }
                return _currToken = null;
            }
            return readValue();
        }
        char c = peek();
        if (inObject[depth]) {
            if (c == '}') {
                pos++;
                return close(JsonToken.END_OBJECT);
            }
            if (needComma) {
                expect(',');
                skipWhitespace();
                c = peek();
            }
            if (c != '"') {
                throw DECLINE;
            }
            readString();
            name = name();
            return _currToken = JsonToken.FIELD_NAME;
        }
        if (c == ']') {
            pos++;
            return close(JsonToken.END_ARRAY);
        }
        if (needComma) {
            expect(',');
            skipWhitespace();
        }
        return readValue();
    }

    private JsonToken readValue() {
        char c = peek();
        JsonToken token;
        if (c == '{' || c == '[') {
            pos++;
            if (depth == MAX_DEPTH) {
                throw DECLINE;
            }
            depth++;
            inObject[depth] = c == '{';
            needComma = false;
            return _currToken = c == '{' ? JsonToken.START_OBJECT : JsonToken.START_ARRAY;
        }
        if (c == '"') {
            readString();
            token = JsonToken.VALUE_STRING;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            readInteger();
            token = JsonToken.VALUE_NUMBER_INT;
        } else if (c == 't') {
            token = literal("true", JsonToken.VALUE_TRUE);
        } else if (c == 'f') {
            token = literal("false", JsonToken.VALUE_FALSE);
        } else if (c == 'n') {
            token = literal("null", JsonToken.VALUE_NULL);
        } else {
            throw DECLINE;
        }
        afterValue();
        return _currToken = token;
    }

    private JsonToken close(JsonToken token) {
        depth--;
        afterValue();
        return _currToken = token;
    }

    private void afterValue() {
        if (depth == 0) {
            rootDone = true;
        } else {
            needComma = true;
        }
    }

    /** A string from its opening quote; escapes and control characters are Jackson's to read. */
    private void readString() {
        int start = pos + 1;
        for (int i = start; i < end; i++) {
            char c = text[i];
            if (c == '"') {
                tokenStart = start;
                tokenLength = i - start;
                pos = i + 1;
                return;
            }
            if (c == '\\' || c < 0x20) {
                throw DECLINE;
            }
        }
        throw DECLINE; // unterminated
    }

    /** {@code -?(0|[1-9][0-9]*)}; a fraction or exponent is Jackson's to read. */
    private void readInteger() {
        int start = pos;
        boolean negative = text[pos] == '-';
        int i = negative ? pos + 1 : pos;
        int firstDigit = i;
        long value = 0;
        while (i < end && text[i] >= '0' && text[i] <= '9') {
            value = value * 10 + (text[i] - '0');
            i++;
        }
        int digits = i - firstDigit;
        if (digits == 0 || digits > MAX_DIGITS || (digits > 1 && text[firstDigit] == '0')) {
            throw DECLINE;
        }
        pos = i; // what follows must be a separator, as after any value: 12ab or 1.5 is declined there
        tokenStart = start;
        tokenLength = i - start;
        longValue = negative ? -value : value;
    }

    private JsonToken literal(String word, JsonToken token) {
        int length = word.length();
        if (end - pos < length) {
            throw DECLINE;
        }
        for (int i = 0; i < length; i++) {
            if (text[pos + i] != word.charAt(i)) {
                throw DECLINE;
            }
        }
        tokenStart = pos;
        tokenLength = length;
        pos += length;
        return token;
    }

    private void skipWhitespace() {
        while (pos < end && isWhitespace(text[pos])) {
            pos++;
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private char peek() {
        if (pos >= end) {
            throw DECLINE; // truncated
        }
        return text[pos];
    }

    private void expect(char c) {
        if (peek() != c) {
            throw DECLINE;
        }
        pos++;
    }

    /** The current token's characters as a field name, from the cache when seen before. */
    private String name() {
        if (tokenLength == 1 && text[tokenStart] < ONE_CHAR_NAMES.length) {
            return ONE_CHAR_NAMES[text[tokenStart]]; // most of Binance's keys: "e", "E", "s", "p", "q", ...
        }
        int hash = tokenLength;
        for (int i = 0; i < tokenLength; i++) {
            hash = 31 * hash + text[tokenStart + i];
        }
        int slot = (hash ^ (hash >>> 16)) & (NAME_SLOTS - 1);
        String cached = names[slot];
        if (cached != null && sameChars(cached)) {
            return cached;
        }
        String fresh = new String(text, tokenStart, tokenLength);
        names[slot] = fresh;
        return fresh;
    }

    private boolean sameChars(String s) {
        if (s.length() != tokenLength) {
            return false;
        }
        for (int i = 0; i < tokenLength; i++) {
            if (s.charAt(i) != text[tokenStart + i]) {
                return false;
            }
        }
        return true;
    }

    private boolean hasText() {
        return _currToken != null && _currToken != JsonToken.START_OBJECT && _currToken != JsonToken.END_OBJECT
                && _currToken != JsonToken.START_ARRAY && _currToken != JsonToken.END_ARRAY;
    }

    @Override
    public String getCurrentName() {
        return name;
    }

    @Override
    public String currentName() {
        return name;
    }

    @Override
    public String getText() {
        if (_currToken == JsonToken.FIELD_NAME) {
            return name;
        }
        if (hasText()) {
            return new String(text, tokenStart, tokenLength);
        }
        return _currToken == null ? null : _currToken.asString();
    }

    @Override
    public char[] getTextCharacters() {
        return text;
    }

    @Override
    public boolean hasTextCharacters() {
        return hasText();
    }

    @Override
    public int getTextLength() {
        return tokenLength;
    }

    @Override
    public int getTextOffset() {
        return tokenStart;
    }

    @Override
    public long getLongValue() {
        if (_currToken != JsonToken.VALUE_NUMBER_INT) {
            throw DECLINE;
        }
        return longValue;
    }

    @Override
    public int getIntValue() {
        long value = getLongValue();
        if ((int) value != value) {
            throw DECLINE;
        }
        return (int) value;
    }

    @Override
    public NumberType getNumberType() {
        return (int) getLongValue() == longValue ? NumberType.INT : NumberType.LONG;
    }

    @Override
    public Number getNumberValue() {
        return getNumberType() == NumberType.INT ? (Number) (int) longValue : (Number) longValue;
    }

    @Override
    public BigInteger getBigIntegerValue() {
        return BigInteger.valueOf(getLongValue());
    }

    @Override
    public float getFloatValue() {
        return getLongValue();
    }

    @Override
    public double getDoubleValue() {
        return getLongValue();
    }

    @Override
    public BigDecimal getDecimalValue() {
        return BigDecimal.valueOf(getLongValue());
    }

    @Override
    public byte[] getBinaryValue(Base64Variant variant) {
        throw DECLINE;
    }

    @Override
    public void overrideCurrentName(String name) {
        throw DECLINE;
    }

    @Override
    public JsonStreamContext getParsingContext() {
        throw DECLINE; // nothing reading Binance's payloads asks for it
    }

    @Override
    public JsonLocation getCurrentLocation() {
        return JsonLocation.NA;
    }

    @Override
    public JsonLocation getTokenLocation() {
        return JsonLocation.NA;
    }

    @Override
    public ObjectCodec getCodec() {
        return null;
    }

    @Override
    public void setCodec(ObjectCodec codec) {
        throw DECLINE;
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    protected void _handleEOF() {
        throw DECLINE;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }
}
