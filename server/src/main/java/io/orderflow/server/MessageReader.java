package io.orderflow.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads a live message's {@code stream} and {@code seq} (and the row's leading {@code ts_ms}) with
 * Jackson's streaming parser, without parsing the rest of the row: the text is passed on as it is.
 */
public final class MessageReader {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String FORMING_KLINE_TAIL = ",\"closed\":false}}";

    private MessageReader() {}

    /** The message, or throws {@link BadMessageException} naming what is wrong. */
    public static LiveMessage read(String text, long receivedNanos) {
        try (JsonParser parser = JSON.createParser(text)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, "not a JSON object");
            expect("stream".equals(parser.nextFieldName()), "the first field is not \"stream\"");
            expect(parser.nextToken() == JsonToken.VALUE_STRING, "\"stream\" is not a string");
            String stream = parser.getText();
            String problem = StreamNames.problem(stream);
            expect(problem == null, problem);
            expect("seq".equals(parser.nextFieldName()), "the second field is not \"seq\"");
            expect(parser.nextToken() == JsonToken.VALUE_NUMBER_INT, "\"seq\" is not an integer");
            long seq = parser.getLongValue();
            expect(seq > 0, "\"seq\" is not positive");
            expect("data".equals(parser.nextFieldName()), "the third field is not \"data\"");
            expect(parser.nextToken() == JsonToken.START_OBJECT, "\"data\" is not an object");
            long tsMs = LiveMessage.NO_TIME;
            if ("ts_ms".equals(parser.nextFieldName()) && parser.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                tsMs = parser.getLongValue();
            }
            // The tail is checked by hand, not parsed: the job writes "closed" last (live-protocol.md).
            boolean conflatable = StreamNames.alwaysConflatable(stream)
                    || (StreamNames.isKline(stream) && text.endsWith(FORMING_KLINE_TAIL));
            return new LiveMessage(stream, seq, tsMs, conflatable, text, receivedNanos);
        } catch (JsonProcessingException e) {
            throw new BadMessageException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadMessageException("not valid JSON: " + e.getMessage());
        }
    }

    private static void expect(boolean condition, String problem) {
        if (!condition) {
            throw new BadMessageException(problem);
        }
    }

    /** A message the server cannot read; its text names the problem. */
    public static final class BadMessageException extends RuntimeException {
        BadMessageException(String problem) {
            super(problem, null, false, false);
        }
    }
}
