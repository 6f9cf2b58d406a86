package io.orderflow.job.source.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.model.RawFrame;
import io.orderflow.core.replay.CaptureFormat;
import io.orderflow.core.replay.Recording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaySourceTest {

    private static final String BTC = ReplayFixtures.file("hftbacktest-spot/btcusdt_20240808.gz");
    private static final String FUTURES_WS = ReplayFixtures.file("cryptofeed/BINANCE_FUTURES.ws.1.0");
    private static final String FUTURES_HTTP = ReplayFixtures.file("cryptofeed/BINANCE_FUTURES.http.0.0");

    @Test
    void oneSplitPerFileNamedAfterItFromTheStart() {
        ReplaySource source = ReplayFixtures.spot(
                "hftbacktest-spot/btcusdt_20240808.gz", "hftbacktest-spot/ethusdt_20240808.gz");

        assertThat(source.initialSplits())
                .extracting(ReplaySplit::splitId, ReplaySplit::eventsEmitted)
                .containsExactly(
                        tuple("btcusdt_20240808.gz", 0L),
                        tuple("ethusdt_20240808.gz", 0L));
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
    }

    @Test
    void formatIsToldFromTheFile(@TempDir Path dir) throws IOException {
        Path capture = dir.resolve("capture.gz");
        try (CaptureFormat.CaptureWriter writer = CaptureFormat.writer(capture)) {
            writer.write(new RawFrame(1_723_161_255_208L, "BTCUSDT", "btcusdt@trade", "{}"));
        }

        ReplaySource source = ReplaySource.builder()
                .files(List.of(FUTURES_WS, BTC, capture.toString()))
                .market(MarketType.USDM)
                .build();

        // The capture holds BTCUSDT too: it continues the hftbacktest recording, whose first message is earlier.
        assertThat(source.config().series()).containsExactly(
                List.of(Recording.cryptofeed(Path.of(FUTURES_WS), Path.of(FUTURES_HTTP))),
                List.of(Recording.hftbacktest(Path.of(BTC)), Recording.capture(capture)));
    }

    @Test
    void cryptofeedRecordingWithoutRestFileHasNone(@TempDir Path dir) throws IOException {
        Path ws = Files.copy(Path.of(FUTURES_WS), dir.resolve("BINANCE_FUTURES.ws.1.0"));

        ReplaySource source = ReplaySource.builder().files(List.of(ws.toString())).market(MarketType.USDM).build();

        assertThat(source.config().series()).containsExactly(List.of(Recording.cryptofeed(ws, null)));
    }

    @Test
    void sanityCheckSaysWhatIsWrong(@TempDir Path dir) {
        assertRejected(ReplaySource.builder().market(MarketType.SPOT), "at least one file");
        assertRejected(replay().files(List.of(dir.resolve("missing.gz").toString())), "not a readable file");
        assertRejected(replay().files(List.of(BTC, BTC)), "distinct");
        assertRejected(replay().market(null), "market");
        assertRejected(replay().bookLevels(0), "bookLevels");
        assertRejected(replay().paced(true).speed(Double.POSITIVE_INFINITY), "speed");
    }

    private static ReplaySourceBuilder replay() {
        return ReplaySource.builder().files(List.of(BTC)).market(MarketType.SPOT);
    }

    private static void assertRejected(ReplaySourceBuilder builder, String message) {
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
