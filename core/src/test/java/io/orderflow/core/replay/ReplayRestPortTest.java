package io.orderflow.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.exchange.binance.feed.RestAnswer;
import io.orderflow.core.model.RawFrame;
import io.orderflow.core.replay.CaptureFormat.CaptureWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REST answers read from a recording, as a live request would have got them. */
class ReplayRestPortTest {

    private static final String DEPTH = "rest:/api/v3/depth?symbol=BTCUSDT&limit=1000";

    @TempDir
    Path dir;

    @Test
    void aSnapshotIsTheNextOneRecordedWithinTheWindowAndWhatWasPassedOverIsStillReadInTurn() throws IOException {
        try (RecordedMessages messages = messages(
                frame(1_000, "btcusdt@depth@100ms", "d1"),
                frame(1_050, "btcusdt@aggTrade", "t1"),
                frame(1_200, DEPTH, "s1"),
                frame(1_300, "btcusdt@depth@100ms", "d2"))) {
            ReplayRestPort port = new ReplayRestPort(messages);
            assertThat(messages.next().text()).isEqualTo("d1");

            RestAnswer snapshot = port.depthSnapshot("BTCUSDT", 1_000);

            assertThat(snapshot).isEqualTo(new RestAnswer("/api/v3/depth?symbol=BTCUSDT&limit=1000", "s1", 1_200));
            assertThat(texts(messages)).containsExactly("t1", "d2");
        }
    }

    @Test
    void aSnapshotRecordedBeforeTheQuestionIsUsedOnceAndOneTooLateNotAtAll() throws IOException {
        try (RecordedMessages messages = messages(
                frame(1_000, DEPTH, "early"),
                frame(2_000, "btcusdt@depth@100ms", "d1"),
                frame(2_000 + ReplayRestPort.ANSWER_WINDOW_MS + 1, DEPTH, "late"))) {
            ReplayRestPort port = new ReplayRestPort(messages);
            port.passed(messages.next());
            messages.next();

            assertThat(port.depthSnapshot("BTCUSDT", 2_000).body()).isEqualTo("early");
            assertThatThrownBy(() -> port.depthSnapshot("BTCUSDT", 2_000))
                    .isInstanceOf(IOException.class).hasMessageContaining("no depth snapshot of BTCUSDT");
            assertThat(texts(messages)).containsExactly("late"); // still read in its turn
        }
    }

    @Test
    void aBackFillPageIsTheOneCapturedForThatSymbolAndFromId() throws IOException {
        try (RecordedMessages messages = messages(
                frame(1_000, "btcusdt@aggTrade", "t9"),
                frame(1_010, "rest:/api/v3/aggTrades?symbol=ETHUSDT&fromId=5&limit=1000", "eth"),
                frame(1_020, "rest:/api/v3/aggTrades?symbol=BTCUSDT&fromId=3&limit=1000", "btc-3"),
                frame(1_030, "rest:/api/v3/aggTrades?symbol=BTCUSDT&fromId=5&limit=1000", "btc-5"))) {
            ReplayRestPort port = new ReplayRestPort(messages);
            messages.next();

            assertThat(port.aggTrades("BTCUSDT", 5, 1_000).body()).isEqualTo("btc-5");
            assertThat(port.aggTrades("BTCUSDT", 3, 1_000).body()).isEqualTo("btc-3");
            assertThatThrownBy(() -> port.aggTrades("BTCUSDT", 7, 1_000)).isInstanceOf(IOException.class);
            assertThat(texts(messages)).containsExactly("eth");
        }
    }

    private RecordedMessages messages(RawFrame... frames) throws IOException {
        Path file = dir.resolve("capture.gz");
        try (CaptureWriter writer = CaptureFormat.writer(file)) {
            for (RawFrame frame : frames) {
                writer.write(frame);
            }
        }
        return new RecordedMessages(List.of(Recording.capture(file)));
    }

    private static RawFrame frame(long receiveTimeMs, String stream, String payload) {
        return new RawFrame(receiveTimeMs, CaptureFormat.symbolOf(stream), stream, payload);
    }

    private static List<String> texts(RecordedMessages messages) throws IOException {
        List<String> texts = new ArrayList<>();
        for (RecordedMessage message = messages.next(); message != null; message = messages.next()) {
            texts.add(message.text());
        }
        return texts;
    }
}
