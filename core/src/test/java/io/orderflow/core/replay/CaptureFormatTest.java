package io.orderflow.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.model.RawFrame;
import io.orderflow.core.replay.CaptureFormat.CaptureReader;
import io.orderflow.core.replay.CaptureFormat.CaptureWriter;
import io.orderflow.core.replay.RecordedMessage.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureFormatTest {

    @TempDir
    Path dir;

    private static RawFrame frame(long receiveTimeMs, String stream, String payload) {
        return new RawFrame(receiveTimeMs, CaptureFormat.symbolOf(stream), stream, payload);
    }

    @Test
    void framesReadBackEqualWhateverTheirPayload() throws IOException {
        List<RawFrame> frames = List.of(
                frame(1_723_161_254_087L, "btcusdt@trade", "{\"stream\":\"btcusdt@trade\",\"data\":{\"p\":\"1.0\"}}"),
                frame(1_723_161_254_088L, "rest:/api/v3/depth?symbol=BTCUSDT&limit=1000", "{\"lastUpdateId\":1}"),
                frame(1_723_161_254_089L, RawFrame.CONNECTION, "{\"result\":null,\"id\":1}"),
                frame(1_723_161_254_090L, "btcusdt@depth@100ms", "line\nbreaks\r\nand \\n a \\ backslash\\"),
                frame(1_723_161_254_091L, "btcusdt@depth@100ms", ""));
        Path file = dir.resolve("capture.gz");

        try (CaptureWriter writer = CaptureFormat.writer(file)) {
            for (RawFrame frame : frames) {
                writer.write(frame);
            }
        }

        assertThat(readAll(CaptureFormat.reader(file))).containsExactlyElementsOf(frames);
    }

    @Test
    void theFileIsGzipTextOneMessagePerLine() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CaptureWriter writer = CaptureFormat.writer(bytes)) {
            writer.write(frame(5L, "ethusdt@aggTrade", "{\"a\":1}"));
            writer.write(frame(6L, "ethusdt@aggTrade", "a\nb"));
        }

        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("5 ethusdt@aggTrade {\"a\":1}\n6 ethusdt@aggTrade a\\nb\n");
        }
    }

    @Test
    void theSymbolFollowsFromTheStream() {
        assertThat(CaptureFormat.symbolOf("btcusdt@depth@100ms")).isEqualTo("BTCUSDT");
        assertThat(CaptureFormat.symbolOf("rest:/fapi/v1/aggTrades?symbol=ethusdt&fromId=5")).isEqualTo("ETHUSDT");
        assertThat(CaptureFormat.symbolOf("rest:/api/v3/time")).isEqualTo(RawFrame.CONNECTION);
        assertThat(CaptureFormat.symbolOf(RawFrame.CONNECTION)).isEqualTo(RawFrame.CONNECTION);
        assertThat(CaptureFormat.symbolOf("!miniTicker@arr")).isEqualTo(RawFrame.CONNECTION);
    }

    /** A coin-M symbol has an underscore, but never is one: it keeps its own partition. */
    @Test
    void coinmSymbolsAreNotTheConnectionPartition() {
        assertThat(CaptureFormat.symbolOf("btcusd_perp@depth@0ms")).isEqualTo("BTCUSD_PERP");
        assertThat(CaptureFormat.symbolOf("rest:/dapi/v1/depth?symbol=ETHUSD_211231&limit=1000"))
                .isEqualTo("ETHUSD_211231");
        assertThat(CaptureFormat.toMessage(frame(3L, "rest:/dapi/v1/depth?symbol=BTCUSD_PERP&limit=1000", "{}")))
                .isEqualTo(new RecordedMessage(3_000_000L, Kind.DEPTH_SNAPSHOT,
                        "/dapi/v1/depth?symbol=BTCUSD_PERP&limit=1000", "BTCUSD_PERP", "{}"));
        assertThat(CaptureFormat.toMessage(frame(4L, "rest:/dapi/v1/aggTrades?symbol=BTCUSD_PERP&fromId=1", "[]"))
                .symbol()).isEqualTo("BTCUSD_PERP");
    }

    @Test
    void aStreamThatIsNotOneWordIsRefused() throws IOException {
        try (CaptureWriter writer = CaptureFormat.writer(new ByteArrayOutputStream())) {
            assertThatThrownBy(() -> writer.write(frame(1L, "btcusdt@trade extra", "{}")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.write(new RawFrame(1L, "_", "", "{}")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void framesBecomeRecordedMessagesOfTheirKind() {
        assertThat(CaptureFormat.toMessage(frame(2L, "btcusdt@depth5", "{}")))
                .isEqualTo(new RecordedMessage(2_000_000L, Kind.WEBSOCKET, "btcusdt@depth5", null, "{}"));
        assertThat(CaptureFormat.toMessage(frame(2L, RawFrame.CONNECTION, "{}")))
                .isEqualTo(new RecordedMessage(2_000_000L, Kind.WEBSOCKET, null, null, "{}"));
        assertThat(CaptureFormat.toMessage(frame(3L, "rest:/fapi/v1/depth?symbol=ETHUSDT&limit=1000", "{}")))
                .isEqualTo(new RecordedMessage(3_000_000L, Kind.DEPTH_SNAPSHOT,
                        "/fapi/v1/depth?symbol=ETHUSDT&limit=1000", "ETHUSDT", "{}"));
        assertThat(CaptureFormat.toMessage(frame(4L, "rest:/fapi/v1/aggTrades?symbol=ETHUSDT&fromId=1", "[]")))
                .isEqualTo(new RecordedMessage(4_000_000L, Kind.AGG_TRADES,
                        "/fapi/v1/aggTrades?symbol=ETHUSDT&fromId=1", "ETHUSDT", "[]"));
        assertThat(CaptureFormat.toMessage(frame(5L, "rest:/api/v3/time", "{}")).kind()).isEqualTo(Kind.OTHER_REST);
    }

    private static List<RawFrame> readAll(CaptureReader reader) throws IOException {
        List<RawFrame> frames = new ArrayList<>();
        try (reader) {
            RawFrame frame;
            while ((frame = reader.next()) != null) {
                frames.add(frame);
            }
        }
        return frames;
    }
}
