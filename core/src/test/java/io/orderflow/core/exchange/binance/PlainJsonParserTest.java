package io.orderflow.core.exchange.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.orderflow.core.replay.MessageReader;
import io.orderflow.core.replay.RecordedMessage;
import io.orderflow.core.replay.Recording;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plain parser reads what it accepts exactly as Jackson does, token for token, and declines the
 * rest; it never accepts what Jackson rejects.
 */
class PlainJsonParserTest {

    private static final JsonFactory JACKSON = new JsonFactory();

    /** Tokens with their text (and value, for integers), as a parser reads them to the end; null if it fails. */
    private static List<String> tokens(JsonParser parser) {
        List<String> tokens = new ArrayList<>();
        try {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                String value = switch (token) {
                    case FIELD_NAME -> parser.currentName();
                    case VALUE_STRING -> new String(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                    case VALUE_NUMBER_INT -> parser.getText() + "=" + parser.getLongValue();
                    default -> parser.getText();
                };
                tokens.add(token + " " + value);
            }
            return tokens;
        } catch (IOException | PlainJsonParser.Decline e) {
            return null;
        }
    }

    private static List<String> jackson(String json) {
        try (JsonParser parser = JACKSON.createParser(json)) {
            return tokens(parser);
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> plain(PlainJsonParser parser, String json) {
        return tokens(parser.reset(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", " { } ", "{\"a\":1}", "{\"a\":-0}", "{\"a\":[]}", "{\"a\":[[],[1,2],{}]}",
        "{\"a\":true,\"b\":false,\"c\":null}", "{ \"a\" : \"x\" ,\n\t\"bb\" :\r[ \"1.5\" , \"2\" ] }",
        "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1723075200123,\"s\":\"BTCUSDT\",\"t\":123456789012345678}}",
        "{\"é\":\"ünïcode\"}", "{\"a\":-123456789012345678}", "{\"\":\"\"}", "{\"a\":{\"a\":{\"a\":{}}}}", "7", "\"x\""
    })
    void readsPlainJsonAsJacksonDoes(String json) {
        List<String> expected = jackson(json);
        assertThat(expected).as("valid JSON").isNotNull();
        assertThat(plain(new PlainJsonParser(), json)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":\"x\\\"y\"}", "{\"a\":\"\\u0041\"}", "{\"a\":1.5}", "{\"a\":1e3}", "{\"a\":-1E-3}",
        "{\"a\":1234567890123456789}", "{\"a\":01}", "{\"a\":-}", "{\"a\":1x}", "{\"a\":truex}", "{\"a\":nul}",
        "{\"a\":\"x}", "{\"a\":\"tab\there\"}", "{\"a\":1", "{\"a\" 1}", "{\"a\":1,}", "{,}", "[1,]", "[,1]", "{\"a\":1 \"b\":2}",
        "{}{}", "{} x", "", "   ", "{a:1}", "{'a':1}", "[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]", "\uFEFF{}", "{\"a\":+1}"
    })
    void declinesAnythingElseValidOrNot(String json) {
        assertThat(plain(new PlainJsonParser(), json)).isNull();
    }

    @Test
    void aDeclineIsCheapAndSaysWhy() {
        PlainJsonParser parser = new PlainJsonParser().reset("{\"a\":1.5}");
        assertThatThrownBy(() -> {
            while (parser.nextToken() != null) {
                // read on
            }
        }).isInstanceOf(PlainJsonParser.Decline.class).hasMessageContaining("Jackson reads this message")
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    /**
     * Every recorded message, and thousands of mutations of them (a character dropped, doubled,
     * replaced by a JSON-significant one, or the text cut short): whatever the plain parser accepts,
     * Jackson reads the same. One parser instance reads them all, as on a connection.
     */
    @Test
    void neverDisagreesWithJacksonOnRecordedMessagesOrTheirMutations() throws IOException {
        PlainJsonParser parser = new PlainJsonParser();
        Random random = new Random(20240808);
        String significant = "{}[]:,\"\\ -.0123456789eEtfnulx\u00e9\n";
        int accepted = 0;
        int mutatedAccepted = 0;
        int declined = 0;
        try (MessageReader reader = Recording.hftbacktest(
                Path.of("core/src/test/resources/recordings/hftbacktest-spot/ethusdt_20240808.gz")).open()) {
            int index = 0;
            for (RecordedMessage m = reader.next(); m != null; m = reader.next(), index++) {
                String json = m.text();
                List<String> plainTokens = plain(parser, json);
                assertThat(plainTokens).as(json).isNotNull().isEqualTo(jackson(json));
                accepted++;
                if (index % 4 != 0) {
                    continue;
                }
                for (int k = 0; k < 8; k++) {
                    String mutant = mutate(json, random, significant);
                    List<String> mutantTokens = plain(parser, mutant);
                    if (mutantTokens == null) {
                        declined++;
                    } else {
                        assertThat(mutantTokens).as(mutant).isEqualTo(jackson(mutant));
                        mutatedAccepted++;
                    }
                }
            }
        }
        assertThat(accepted).isEqualTo(33_618); // every message of the file
        assertThat(mutatedAccepted).isGreaterThan(1_000);
        assertThat(declined).isGreaterThan(1_000);
    }

    private static String mutate(String json, Random random, String significant) {
        int at = random.nextInt(json.length());
        char c = significant.charAt(random.nextInt(significant.length()));
        return switch (random.nextInt(4)) {
            case 0 -> json.substring(0, at) + json.substring(at + 1);
            case 1 -> json.substring(0, at) + json.charAt(at) + json.substring(at);
            case 2 -> json.substring(0, at) + c + json.substring(at + 1);
            default -> json.substring(0, at);
        };
    }
}
