package io.orderflow.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Decodes the rows the server sends, live messages ({@code {"stream","seq","data"}}) and {@code /history}
 * rows alike, into the {@link Row} records, with Jackson's streaming parser: no tree, values into
 * reused slots, repeated strings shared. Unknown fields are skipped (the server may add columns); a
 * missing required field or one of the wrong type is a {@link RowFormatException} naming it.
 *
 * <p>Not thread-safe (it reuses its slots): one decoder per thread.
 */
public final class RowDecoder {

    static final JsonFactory JSON = new JsonFactory();

    private final RowValues values = new RowValues();
    private final TextCache texts = new TextCache();

    /** A live message as text. */
    public LiveMessage message(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RowFormatException(null, "a live message must be a JSON object");
            }
            return readMessage(p);
        } catch (JsonProcessingException e) {
            throw new RowFormatException(null, "a live message is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading a string failed", e);
        }
    }

    /** A row of {@code stream} as text: a live message's {@code data} object or a {@code /history} row. */
    public Row row(String stream, String json) {
        RowSchema<?> schema = Signal.schemaOf(stream);
        if (schema == null) {
            throw new IllegalArgumentException("unknown stream kind in '" + stream + "'");
        }
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RowFormatException(null, "a " + schema.kind + " row must be a JSON object");
            }
            return readRow(schema, p);
        } catch (JsonProcessingException e) {
            throw new RowFormatException(null, "a " + schema.kind + " row is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading a string failed", e);
        }
    }

    /**
     * The message whose START_OBJECT is the current token. Returns or throws with the parser on its
     * END_OBJECT, so a caller reading an array of messages can skip a bad one and go on.
     */
    LiveMessage readMessage(JsonParser p) throws IOException {
        String stream = null;
        long seq = 0;
        boolean hasSeq = false;
        Row row = null;
        RowFormatException problem = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "stream" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        stream = text(p);
                    } else {
                        problem = first(problem, messageProblem("stream", "must be a string, not " + describe(value)));
                    }
                }
                case "seq" -> {
                    if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                        seq = p.getLongValue();
                        hasSeq = true;
                    } else {
                        problem = first(problem, messageProblem("seq", "must be a whole number, not " + describe(value)));
                    }
                }
                case "data" -> {
                    RowSchema<?> schema = stream == null ? null : Signal.schemaOf(stream);
                    if (stream == null) {
                        problem = first(problem, messageProblem("data", "comes before the stream"));
                    } else if (schema == null) {
                        problem = first(problem, messageProblem("stream", "has an unknown kind: '" + stream + "'"));
                    } else if (value != JsonToken.START_OBJECT) {
                        problem = first(problem, messageProblem("data", "must be an object, not " + describe(value)));
                    } else {
                        try {
                            row = readRow(schema, p);
                        } catch (RowFormatException e) {
                            problem = first(problem, e);
                        }
                    }
                }
                default -> { } // a field the protocol may add
            }
            p.skipChildren(); // a value not read (no-op after a scalar or a row read to its end)
        }
        if (problem != null) {
            throw problem;
        }
        if (stream == null || !hasSeq || row == null) {
            String missing = stream == null ? "stream" : !hasSeq ? "seq" : "data";
            throw messageProblem(missing, "is missing");
        }
        return new LiveMessage(stream, seq, row);
    }

    /**
     * The row whose START_OBJECT is the current token. Returns or throws with the parser on the row's
     * END_OBJECT: a bad value is skipped and reported once the row is read.
     */
    <T extends Row> T readRow(RowSchema<T> schema, JsonParser p) throws IOException {
        RowSchema.Column[] columns = schema.columns;
        long seen = 0;
        String problemField = null;
        String problem = null;
        int expected = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            int column = schema.indexOf(name, expected);
            String wrong = column < 0 ? null : read(columns[column], column, value, p);
            if (column < 0 || wrong != null) {
                p.skipChildren();
            } else {
                seen |= 1L << column;
                expected = column + 1;
            }
            if (wrong != null && problem == null) {
                problemField = name;
                problem = "field '" + name + "' " + wrong;
            }
        }
        for (int c = 0; c < columns.length && problem == null; c++) {
            if ((seen & (1L << c)) == 0) {
                if (columns[c].hasFallback()) {
                    fallBack(columns[c], c);
                } else {
                    problemField = columns[c].name();
                    problem = "field '" + problemField + "' is missing";
                }
            }
        }
        if (problem != null) {
            throw new RowFormatException(problemField, "a " + schema.kind + " row: " + problem);
        }
        return schema.builder.build(values);
    }

    /** Reads a value into its slot; null when it fits the column, otherwise what is wrong with it. */
    private String read(RowSchema.Column column, int slot, JsonToken value, JsonParser p) throws IOException {
        boolean isNull = value == JsonToken.VALUE_NULL;
        if (isNull && column.hasFallback()) {
            fallBack(column, slot);
            return null;
        }
        switch (column.type()) {
            case LONG -> {
                if (value == JsonToken.VALUE_NUMBER_INT) {
                    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        return "is out of range: " + p.getText();
                    }
                    values.longs[slot] = p.getLongValue();
                    return null;
                }
                return "must be a whole number, not " + describe(value);
            }
            case DOUBLE -> {
                if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
                    values.doubles[slot] = p.getDoubleValue();
                    return null;
                }
                if (isNull) {
                    values.doubles[slot] = Double.NaN; // how the job writes a number JSON cannot hold
                    return null;
                }
                // Jackson's default for a non-finite double, as /history writes Parquet's NaN.
                double special = value == JsonToken.VALUE_STRING ? nonFinite(p.getText()) : 0;
                if (special != 0) {
                    values.doubles[slot] = special;
                    return null;
                }
                return "must be a number, not " + describe(value);
            }
            case BOOLEAN -> {
                if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
                    values.longs[slot] = value == JsonToken.VALUE_TRUE ? 1 : 0;
                    return null;
                }
                return "must be true or false, not " + describe(value);
            }
            case TIMEFRAME -> {
                Timeframe timeframe = value == JsonToken.VALUE_STRING ? Timeframe.byLabel(text(p)) : null;
                values.objects[slot] = timeframe;
                return timeframe != null ? null : "must be 1m, 5m or 1h, not " + describe(value);
            }
            default -> {
                if (value == JsonToken.VALUE_STRING) {
                    values.objects[slot] = column.type() == RowSchema.Type.UNIQUE_TEXT ? p.getText() : text(p);
                    return null;
                }
                if (isNull && column.type() == RowSchema.Type.OPTIONAL_TEXT) {
                    values.objects[slot] = null;
                    return null;
                }
                return "must be a string, not " + describe(value);
            }
        }
    }

    /** Puts a column's stand-in for null or absence into its slot: NaN for a number, else its fallback. */
    private void fallBack(RowSchema.Column column, int slot) {
        if (column.type() == RowSchema.Type.DOUBLE) {
            values.doubles[slot] = Double.NaN;
        } else {
            values.longs[slot] = column.fallback();
        }
    }

    private String text(JsonParser p) throws IOException {
        return texts.of(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    /** NaN or an infinity for their names, 0 for anything else (0 itself is never written as a string). */
    private static double nonFinite(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> 0;
        };
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a fraction";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> token.toString();
        };
    }

    private static RowFormatException messageProblem(String field, String problem) {
        return new RowFormatException(field, "a live message: field '" + field + "' " + problem);
    }

    private static RowFormatException first(RowFormatException earlier, RowFormatException now) {
        return earlier != null ? earlier : now;
    }
}
