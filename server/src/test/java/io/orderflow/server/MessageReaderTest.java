package io.orderflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageReaderTest {

    @Test
    void readsStreamSeqAndTimeAndKeepsTheText() {
        String text = Rows.trade("btcusdt", 42, 1_722_124_800_000L);
        LiveMessage m = MessageReader.read(text, 7);
        assertThat(m.stream()).isEqualTo("btcusdt@trade");
        assertThat(m.seq()).isEqualTo(42);
        assertThat(m.tsMs()).isEqualTo(1_722_124_800_000L);
        assertThat(m.text()).isSameAs(text);
        assertThat(m.receivedNanos()).isEqualTo(7);
        assertThat(m.conflatable()).isFalse();
    }

    @Test
    void conflatesOfiFusionAndFormingKlinesOnly() {
        assertThat(Rows.message(Rows.ofi("btcusdt", 1, 1)).conflatable()).isTrue();
        assertThat(Rows.message("{\"stream\":\"ethusdt@fusion\",\"seq\":3,\"data\":{\"ts_ms\":1}}").conflatable()).isTrue();
        assertThat(Rows.message(Rows.kline("btcusdt", 1, 1, false)).conflatable()).isTrue();
        assertThat(Rows.message(Rows.kline("btcusdt", 2, 1, true)).conflatable()).isFalse();
        assertThat(Rows.message("{\"stream\":\"btcusd_perp@cvd\",\"seq\":1,\"data\":{\"ts_ms\":1}}").conflatable()).isFalse();
    }

    @Test
    void rowsWithoutLeadingTimeHaveNone() {
        LiveMessage m = Rows.message("{\"stream\":\"btcusdt@events\",\"seq\":1,\"data\":{\"kind\":\"x\",\"ts_ms\":5}}");
        assertThat(m.tsMs()).isEqualTo(LiveMessage.NO_TIME);
    }

    @Test
    void namesWhatIsWrongWithABadMessage() {
        assertBad("not json", "not valid JSON");
        assertBad("[1,2]", "not a JSON object");
        assertBad("{\"seq\":1,\"stream\":\"btcusdt@trade\",\"data\":{}}", "first field is not \"stream\"");
        assertBad("{\"stream\":7,\"seq\":1,\"data\":{}}", "\"stream\" is not a string");
        assertBad("{\"stream\":\"btcusdt@depth\",\"seq\":1,\"data\":{}}", "unknown stream kind");
        assertBad("{\"stream\":\"BTCUSDT@trade\",\"seq\":1,\"data\":{}}", "lower-case");
        assertBad("{\"stream\":\"btcusdt@trade\",\"data\":{}}", "second field is not \"seq\"");
        assertBad("{\"stream\":\"btcusdt@trade\",\"seq\":\"1\",\"data\":{}}", "\"seq\" is not an integer");
        assertBad("{\"stream\":\"btcusdt@trade\",\"seq\":0,\"data\":{}}", "\"seq\" is not positive");
        assertBad("{\"stream\":\"btcusdt@trade\",\"seq\":1}", "third field is not \"data\"");
        assertBad("{\"stream\":\"btcusdt@trade\",\"seq\":1,\"data\":[]}", "\"data\" is not an object");
    }

    private static void assertBad(String text, String problem) {
        assertThatThrownBy(() -> MessageReader.read(text, 0))
                .isInstanceOf(MessageReader.BadMessageException.class)
                .hasMessageContaining(problem);
    }
}
