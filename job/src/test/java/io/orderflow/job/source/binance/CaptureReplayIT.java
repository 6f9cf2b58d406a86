package io.orderflow.job.source.binance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.feed.FeedSettings;
import io.orderflow.core.exchange.binance.feed.SymbolStats;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.RawFrame;
import io.orderflow.core.replay.Recording;
import io.orderflow.core.replay.ReplayFeed;
import io.orderflow.job.sink.ParquetSinks;
import io.orderflow.job.sink.RowKinds;
import io.orderflow.job.source.MarketWatermarks;
import io.orderflow.job.testing.TestEnvironments;
import io.orderflow.testkit.loopback.LoopbackExchange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live and replay are one feed: a live run against the loopback exchange with CAPTURE on, through
 * dropped connections (so trades are back-filled and books resynced over REST) and a lost diff, then
 * a replay of what it captured (the {@code raw} kind, as its Parquet sink wrote it), give the same
 * trades, books and notices, in the same order, symbol by symbol. The live run's reconnects are its
 * own: it writes them down ({@code ws_reconnect}), and the replay, which has no connection, does not.
 */
class CaptureReplayIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestEnvironments.miniCluster();

    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT");
    private static final int BOOK_LEVELS = 10;
    private static final int DROPS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoopbackExchange exchange;

    @TempDir
    Path harvest;

    @BeforeEach
    void startExchange() {
        exchange = LoopbackExchange.builder()
                .market(MarketType.USDM)
                .symbols(SYMBOLS)
                .seed(5)
                .eventsPerSecondPerSymbol(200)
                .pingInterval(Duration.ofMillis(200))
                .build();
        exchange.start();
    }

    @AfterEach
    void closeExchange() {
        exchange.close();
    }

    @Test
    void aCaptureReplaysToTheTradesBooksAndNoticesOfTheLiveRun() throws Exception {
        StreamExecutionEnvironment env = TestEnvironments.create();
        env.enableCheckpointing(300);
        DataStream<MarketEvent> market = env.fromSource(source(), MarketWatermarks.create(), "binance");
        market.filter(event -> event.raw() == null).sinkTo(new CollectingSink("live")).name("collect");
        market.filter(event -> event.raw() != null).map(MarketEvent::raw).returns(TypeInformation.of(RawFrame.class))
                .sinkTo(ParquetSinks.forKind(RowKinds.RAW, harvest.toString(), "test", Map.of())).name("raw sink");
        JobClient job = env.executeAsync("capture");
        for (int drop = 1; drop <= DROPS; drop++) {
            int seen = CollectingSink.collected("live").size();
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> exchange.connectionCount() == 2 && CollectingSink.collected("live").size() >= seen + 100);
            exchange.dropConnections();
        }
        exchange.skipNextDiff("ETHUSDT");
        job.getJobExecutionResult().get(2, TimeUnit.MINUTES);

        List<MarketEvent> collected = CollectingSink.collected("live");
        List<MarketNotice> reconnects = collected.stream().map(MarketEvent::notice)
                .filter(notice -> notice != null && notice.type().equals(MarketNotice.WS_RECONNECT)).toList();
        Map<String, List<MarketEvent>> live = byStream(collected.stream()
                .filter(e -> e.notice() == null || !e.notice().type().equals(MarketNotice.WS_RECONNECT)).toList());
        Map<String, List<MarketEvent>> replayed;
        try (ReplayFeed replay = new ReplayFeed(List.of(Recording.rawParquet(harvest)),
                FeedSettings.replay(MarketType.USDM, BOOK_LEVELS))) {
            List<MarketEvent> events = new ArrayList<>();
            while (replay.hasNext()) {
                events.add(replay.next());
            }
            replayed = byStream(events.stream().filter(e -> e.notice() == null
                    || !e.notice().type().equals(MarketNotice.FEED_SUMMARY)).toList());
            // The replay took its REST answers from the capture: back-filled trades, resync snapshots.
            Map<String, SymbolStats> stats = replay.symbolStats();
            assertThat(stats.values()).anySatisfy(symbol -> assertThat(symbol.backfilled()).isPositive());
            assertThat(stats.values()).allSatisfy(symbol -> {
                assertThat(symbol.snapshots()).isGreaterThan(1);
                assertThat(symbol.tickerChecks()).isPositive();
                assertThat(symbol.tickerMismatches()).isZero();
            });
        }

        assertThat(replayed.values()).flatMap(events -> events).noneMatch(
                e -> e.notice() != null && e.notice().type().equals(MarketNotice.WS_RECONNECT));
        for (String symbol : SYMBOLS) {
            // Each drop cuts both USD-M connections, and each serves both symbols.
            assertThat(reconnects).filteredOn(notice -> notice.symbol().equals(symbol))
                    .extracting(notice -> JSON.readTree(notice.metaJson()).path("connection").asText())
                    .as(symbol + " reconnects by connection")
                    .containsOnly("usdm-market-0", "usdm-public-0")
                    .hasSizeGreaterThanOrEqualTo(2 * DROPS);
        }
        assertThat(live.keySet()).contains("BTCUSDT trades", "BTCUSDT books", "ETHUSDT trades", "ETHUSDT books",
                "ETHUSDT notices");
        assertThat(live.get("ETHUSDT notices")).extracting(e -> e.notice().type()).contains(MarketNotice.BOOK_RESYNC);
        assertThat(replayed.keySet()).isEqualTo(live.keySet());
        live.forEach((stream, events) -> {
            assertThat(events).as(stream).hasSizeGreaterThan(0);
            // The run ends mid-stream: what a connection captured last may not have gone out live.
            List<MarketEvent> same = replayed.get(stream);
            assertThat(same.size() - events.size()).as(stream + ": replayed beyond the live run").isBetween(0, 2);
            assertThat(same.subList(0, events.size())).as(stream).containsExactlyElementsOf(events);
        });
    }

    private BinanceSource source() {
        return BinanceSource.builder()
                .market(MarketType.USDM)
                .symbols(SYMBOLS)
                .streams(StreamKind.AGG_TRADE, StreamKind.DIFF_DEPTH, StreamKind.BOOK_TICKER)
                .bookLevels(BOOK_LEVELS)
                .wsBaseUrl(exchange.wsBaseUrl())
                .restBaseUrl(exchange.restBaseUrl())
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .silenceTimeout(Duration.ofSeconds(1))
                .pingInterval(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(2))
                .capture(true)
                .endTimeMs(System.currentTimeMillis() + 20_000)
                .build();
    }

    /** Events by symbol and kind, each in the order it was emitted. */
    private static Map<String, List<MarketEvent>> byStream(List<MarketEvent> events) {
        Map<String, List<MarketEvent>> streams = new TreeMap<>();
        for (MarketEvent event : events) {
            String kind = event.trade() != null ? "trades" : event.book() != null ? "books" : "notices";
            streams.computeIfAbsent(event.symbol() + " " + kind, k -> new ArrayList<>()).add(event);
        }
        return streams;
    }
}
