package io.orderflow.client;

import static io.orderflow.client.Bars1m.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.server.ServerSettings;
import io.orderflow.server.StreamServer;
import io.orderflow.testkit.FreePorts;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bars without a live connection, as a backtest gets them: the real stream server over klines Parquet
 * that DuckDB wrote in the job's layout. 1m bars for the minutes 0 to 29 after T0 but minute 10, which
 * had no trades, and a 5m bar beside them.
 */
class HybridBarsIT {

    private static final long T0 = 1722124800000L; // 2024-07-28T00:00:00Z
    private static final long M0 = T0 / MINUTE;

    @TempDir
    Path data;

    private StreamServer server;
    private ClientSettings settings;
    private final List<Kline> written = new ArrayList<>();
    private Kline fiveMinutes;

    @BeforeEach
    void start() throws Exception {
        LongStream.range(0, 30).filter(m -> m != 10).forEach(m -> written.add(Bars1m.closed(M0 + m)));
        fiveMinutes = new Kline(T0, "BTCUSDT", Timeframe.M5, 1, 4, 0.5, 2, 10, 15, 5, 40, 1.5, true);
        List<Kline> first = new ArrayList<>(written.subList(0, 15));
        first.add(fiveMinutes);
        JobLayout.writeKlines(data, "date=2024-07-28/symbol=BTCUSDT/kind=klines/part-a-0.parquet", first);
        JobLayout.writeKlines(data, "date=2024-07-28/symbol=BTCUSDT/kind=klines/part-b-0.parquet", written.subList(15, written.size()));
        // ETHUSDT: one row the decoder cannot take (trade_count null), between two good ones
        Kline eth = new Kline(T0, "ETHUSDT", Timeframe.M1, 1, 2, 0.5, 1.5, 3, 4, 1, 2, 1.25, true);
        JobLayout.write(data, "date=2024-07-28/symbol=ETHUSDT/kind=klines/part-a-0.parquet",
                List.of(T0, T0 + MINUTE, T0 + 2 * MINUTE),
                ts -> List.of(JobLayout.time(ts), "'ETHUSDT'", "'1m'", "1.0", "2.0", "0.5", "1.5", "3.0", "4.0", "1.0",
                        ts == T0 + MINUTE ? "NULL::BIGINT" : "2::BIGINT", "1.25"),
                "ts_ms, symbol, timeframe, open, high, low, close, volume, quote_volume, taker_buy_volume, trade_count, vwap");
        int port = FreePorts.next();
        // a backtest steps fast: the per-IP request limit is not what is tested here
        server = new StreamServer(ServerSettings.defaults().withEndpoint("127.0.0.1", port).withDataDir(data)
                .withLimits(20, 100_000, 200, 4_096));
        server.start();
        settings = ClientSettings.defaults().withEndpoint(URI.create("ws://127.0.0.1:" + port + "/ws/stream"));
        assertThat(written.get(28)).isEqualTo(Bars1m.closed(M0 + 29));
        assertThat(eth.closeTimeMs()).isEqualTo(T0 + MINUTE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRangeIsTheRowsWrittenForItsTimeframe() {
        Bars bars = Bars.overHistory(settings);
        assertThat(bars.bars("BTCUSDT", Timeframe.M1, T0, T0 + 30 * MINUTE)).containsExactlyElementsOf(written);
        assertThat(bars.bars("btcusdt", Timeframe.M1, T0 + 9 * MINUTE, T0 + 12 * MINUTE))
                .containsExactly(Bars1m.closed(M0 + 9), Bars1m.closed(M0 + 11));
        assertThat(bars.bars("BTCUSDT", Timeframe.M5, T0, T0 + 30 * MINUTE)).containsExactly(fiveMinutes);
    }

    @Test
    void neverABarThatClosedAfterAsOf() {
        Bars bars = Bars.overHistory(settings);
        for (long asOf = T0 - MINUTE; asOf <= T0 + 31 * MINUTE; asOf += 15_000) {
            long at = asOf;
            List<Kline> closedByThen = written.stream().filter(b -> b.closeTimeMs() <= at).toList();
            List<Kline> expected = closedByThen.subList(Math.max(0, closedByThen.size() - 3), closedByThen.size());
            List<Kline> answer = bars.bars("BTCUSDT", Timeframe.M1, 3, asOf);
            assertThat(answer).as("as of T0 + %d s", (asOf - T0) / 1000).containsExactlyElementsOf(expected);
            assertThat(answer).allSatisfy(b -> assertThat(b.closeTimeMs()).isLessThanOrEqualTo(at));
        }
        // on the close of minute 19 it is in; a millisecond before it is not; ten bars over the gap at minute 10
        assertThat(bars.bars("BTCUSDT", Timeframe.M1, 1, T0 + 20 * MINUTE)).containsExactly(Bars1m.closed(M0 + 19));
        assertThat(bars.bars("BTCUSDT", Timeframe.M1, 1, T0 + 20 * MINUTE - 1)).containsExactly(Bars1m.closed(M0 + 18));
        assertThat(bars.bars("BTCUSDT", Timeframe.M1, 10, T0 + 15 * MINUTE)).extracting(b -> b.tsMs() / MINUTE - M0)
                .containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 11L, 12L, 13L, 14L);
    }

    @Test
    void aSecondIdenticalCallIsACacheHit() {
        Bars bars = Bars.overHistory(settings);
        List<Kline> first = bars.bars("BTCUSDT", Timeframe.M1, 5, T0 + 20 * MINUTE);
        // the 5 bars, and the 5 after them read ahead
        assertThat(bars.cache().stats()).isEqualTo(new BarCache.Stats(1, 10, 0, 1));
        assertThat(bars.bars("BTCUSDT", Timeframe.M1, 5, T0 + 20 * MINUTE)).isEqualTo(first)
                .isEqualTo(written.subList(14, 19));
        assertThat(bars.cache().stats()).isEqualTo(new BarCache.Stats(1, 10, 1, 1));
        // a range inside what the first call fetched, and the same count later: hits too
        assertThat(bars.bars("BTCUSDT", Timeframe.M1, T0 + 16 * MINUTE, T0 + 18 * MINUTE)).isEqualTo(written.subList(15, 17));
        assertThat(bars.bars("BTCUSDT", Timeframe.M1, 3, T0 + 20 * MINUTE)).isEqualTo(written.subList(16, 19));
        assertThat(bars.cache().stats().hits()).isEqualTo(3);
        assertThat(bars.cache().stats().misses()).isEqualTo(1);
    }

    @Test
    void historyRightAfterSubscribingJoinsTheLiveCoverageSoTheNextBarIsAHit() {
        long[] now = {T0 + 20 * MINUTE + 30_000}; // minute 20 forming, minute 19 closed 30 s ago
        Bars bars = new Bars(new HistoryClient(settings), new BarCache(), settings, () -> now[0]);
        BarCache cache = bars.cache();
        assertThat(bars.bars("BTCUSDT", Timeframe.M1, 5)).containsExactlyElementsOf(written.subList(14, 19));
        // as OrderflowClient.deliver puts minute 20 into the cache: forming, then closed a minute later
        cache.apply(Bars1m.bar(M0 + 20, 3, false));
        cache.applyHistory("BTCUSDT", Timeframe.M1, List.of(), T0 + 20 * MINUTE, T0 + 20 * MINUTE + 1);
        now[0] = T0 + 21 * MINUTE + 500;
        cache.apply(Bars1m.closed(M0 + 20));
        cache.applyHistory("BTCUSDT", Timeframe.M1, List.of(), T0 + 20 * MINUTE, T0 + 21 * MINUTE);

        assertThat(bars.bars("BTCUSDT", Timeframe.M1, 5)).containsExactlyElementsOf(written.subList(15, 20));
        assertThat(cache.stats().hits()).as("the live bar joined history's bars").isEqualTo(1);
        assertThat(cache.stats().misses()).isEqualTo(1);
    }

    @Test
    void aBacktestSteppingForwardReadsAheadAndMissesOnceInFourSteps() {
        Bars bars = Bars.overHistory(settings);
        for (long minute = 5; minute <= 30; minute++) {
            long asOf = T0 + minute * MINUTE;
            List<Kline> closedByThen = written.stream().filter(b -> b.closeTimeMs() <= asOf).toList();
            assertThat(bars.bars("BTCUSDT", Timeframe.M1, 3, asOf)).containsExactlyElementsOf(closedByThen.subList(closedByThen.size() - 3, closedByThen.size()));
        }
        // each miss fetched 3 minutes past its end; the next 3 steps are inside them
        assertThat(bars.cache().stats().misses()).isEqualTo(7);
        assertThat(bars.cache().stats().hits()).isEqualTo(19);
    }

    @Test
    void moreBarsThanHistoryHoldsGivesThemAll() {
        Bars bars = Bars.overHistory(settings);
        assertThat(bars.bars("BTCUSDT", Timeframe.M1, 100, T0 + 60 * MINUTE)).containsExactlyElementsOf(written);
    }

    @Test
    void moreBarsThanTheCacheHoldsComeFromHistory() {
        Bars bars = Bars.overHistory(settings.withBarsPerKey(10));
        assertThat(bars.bars("BTCUSDT", Timeframe.M1, 20, T0 + 30 * MINUTE)).containsExactlyElementsOf(written.subList(9, 29));
        assertThat(bars.cache().last("BTCUSDT", Timeframe.M1, 100)).containsExactlyElementsOf(written.subList(19, 29));
        assertThat(bars.bars("BTCUSDT", Timeframe.M1, 10, T0 + 30 * MINUTE)).containsExactlyElementsOf(written.subList(19, 29));
        assertThat(bars.cache().stats().hits()).isEqualTo(1);
    }

    @Test
    void aRowThatCannotBeDecodedIsCountedAndSkipped() {
        HistoryClient history = new HistoryClient(settings);
        Bars bars = new Bars(history, new BarCache(), settings, System::currentTimeMillis);
        assertThat(bars.bars("ETHUSDT", Timeframe.M1, T0, T0 + 5 * MINUTE)).extracting(Kline::tsMs)
                .containsExactly(T0, T0 + 2 * MINUTE);
        assertThat(history.skippedRows()).isEqualTo(1);
    }
}
