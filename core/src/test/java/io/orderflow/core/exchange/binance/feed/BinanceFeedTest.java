package io.orderflow.core.exchange.binance.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.RawFrame;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinanceFeedTest {

    private static final String TRADE = "{\"stream\":\"nknusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1633998523963,"
            + "\"s\":\"NKNUSDT\",\"a\":15683430,\"p\":\"0.35280000\",\"q\":\"58.00000000\",\"f\":19862790,"
            + "\"l\":19862790,\"T\":1633998523963,\"m\":false,\"M\":true}}";
    private static final String BOOK = "{\"stream\":\"nknusdt@depth5@100ms\",\"data\":{\"lastUpdateId\":%d,"
            + "\"bids\":[[\"0.0024\",\"10\"]],\"asks\":[[\"0.0026\",\"100\"]]}}";

    private final CountingMetrics metrics = new CountingMetrics();
    private final List<String> methodResults = new ArrayList<>();

    @Test
    void aTradeGoesOutNormalisedAndItsFrameIsCapturedFirst() {
        CollectingOutput out = new CollectingOutput();
        BinanceFeed feed = feed(out, true);

        feed.onMessage(TRADE, null, 1633998524000L);

        List<MarketEvent> events = out.drain();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).raw())
                .isEqualTo(new RawFrame(1633998524000L, "NKNUSDT", "nknusdt@aggTrade", TRADE));
        assertThat(events.get(1).trade().tradeId()).isEqualTo(15683430L);
        assertThat(events.get(1).trade().receiveTimeMs()).isEqualTo(1633998524000L);
    }

    @Test
    void garbageIsCountedAndSkippedAndUnsupportedStreamsAreCountedApart() {
        CollectingOutput out = new CollectingOutput();
        BinanceFeed feed = feed(out, false);

        feed.onMessage("{\"stream\":\"nknusdt@aggTrade\",\"data\":{\"e\":\"aggTr", null, 1L);
        feed.onMessage("not json at all", null, 2L);
        feed.onMessage("{\"stream\":\"nknusdt@kline_1m\",\"data\":{\"e\":\"kline\",\"E\":1,\"s\":\"NKNUSDT\",\"k\":{}}}",
                null, 3L);
        feed.onMessage(TRADE, null, 4L);

        assertThat(metrics.count("parseError")).isEqualTo(2);
        assertThat(metrics.count("unsupported")).isEqualTo(1);
        assertThat(feed.malformed()).isEqualTo(2);
        assertThat(feed.unsupported()).isEqualTo(1);
        assertThat(feed.stats().get("NKNUSDT").malformed()).isEqualTo(1);
        assertThat(feed.stats().get("NKNUSDT").unsupported()).isEqualTo(1);
        assertThat(out.drain()).singleElement().satisfies(e -> assertThat(e.isTrade()).isTrue());
    }

    /** A well-formed stream the job does not consume is counted apart from garbage, and costs nothing else. */
    @Test
    void unsupportedStreamsAndEventTypesAreCountedApartFromParseErrors() {
        CollectingOutput out = new CollectingOutput();
        BinanceFeed feed = feed(out, false);

        feed.onMessage("{\"stream\":\"nknusdt@markPrice@1s\",\"data\":{\"e\":\"markPriceUpdate\"}}", null, 1L);
        feed.onMessage("{\"e\":\"markPriceUpdate\",\"s\":\"NKNUSDT\"}", null, 2L);
        feed.onMessage("{\"stream\":\"!miniTicker@arr\",\"data\":[]}", null, 3L);
        feed.onMessage(TRADE, null, 4L);

        assertThat(metrics.count("unsupported")).isEqualTo(3);
        assertThat(metrics.count("parseError")).isZero();
        assertThat(feed.stats()).containsOnlyKeys("NKNUSDT"); // a market-wide stream is no symbol's
        assertThat(feed.stats().get("NKNUSDT").unsupported()).isEqualTo(1); // the raw event names no stream
        assertThat(out.drain()).singleElement().satisfies(e -> assertThat(e.isTrade()).isTrue());
    }

    @Test
    void partialBooksAreConflatedWhileTheHandoffIsFull() {
        CollectingOutput out = new CollectingOutput(2);
        BinanceFeed feed = feed(out, false);

        for (int id = 1; id <= 5; id++) {
            feed.onMessage(BOOK.formatted(id), null, id);
        }

        assertThat(out.drain()).hasSize(2);
        assertThat(metrics.count("depthFrameDropped")).isEqualTo(3);
    }

    @Test
    void subscribeAnswersGoToTheConnection() {
        BinanceFeed feed = feed(new CollectingOutput(), false);

        feed.onMessage("{\"result\":null,\"id\":7}", null, 1L);
        feed.onMessage("{\"error\":{\"code\":2,\"msg\":\"Invalid request\"},\"id\":8}", null, 2L);

        assertThat(methodResults).hasSize(2);
        assertThat(methodResults.get(0)).isEqualTo("7:null");
        assertThat(methodResults.get(1)).startsWith("8:").contains("Invalid request");
    }

    @Test
    void theStreamIsReadOffTheHeadOfACombinedMessage() {
        assertThat(BinanceFeed.streamOf(TRADE)).isEqualTo("nknusdt@aggTrade");
        assertThat(BinanceFeed.streamOf("{\"result\":null,\"id\":1}")).isEmpty();
        assertThat(BinanceFeed.streamOf("{\"stream\":\"trunc")).isEmpty();
    }

    @Test
    void aDepthStreamThatNeverSyncsIsReportedOnceAfterTheSyncTimeoutAndAgainInTheSummary() {
        CollectingOutput out = new CollectingOutput();
        BinanceFeed feed = feed(out, false); // its REST port never answers
        String diff = "{\"stream\":\"nknusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":%d,"
                + "\"s\":\"NKNUSDT\",\"U\":%d,\"u\":%d,\"b\":[],\"a\":[]}}";

        for (int i = 0; i < 40; i++) { // one diff a second for 40 s: the timeout (30 s) passes once
            feed.onMessage(diff.formatted(1_000_000 + i * 1000L, 10 + i, 10 + i), null, 1_000_000 + i * 1000L);
        }
        feed.finish();

        List<MarketNotice> notices = out.drain().stream().map(MarketEvent::notice).toList();
        assertThat(notices).extracting(MarketNotice::type)
                .containsExactly(MarketNotice.BOOK_UNSYNCED, MarketNotice.FEED_SUMMARY);
        assertThat(notices.get(0).timeMs()).isEqualTo(1_030_000);
        assertThat(notices.get(0).metaJson()).startsWith("{\"symbol\":\"NKNUSDT\",\"reason\":\"no_snapshot\","
                + "\"unsynced_since_ms\":1000000,\"snapshots\":0,\"unbridged_snapshots\":0,\"buffered_diffs\":31,");
        assertThat(notices.get(1).metaJson()).contains("\"messages\":40", "\"books\":0", "\"depth_messages\":40");
        assertThat(metrics.count("bookUnsynced")).isEqualTo(1);
        assertThat(feed.stats().get("NKNUSDT").books()).isZero();
    }

    @Test
    void aSymbolWhoseDepthMessagesAreAllMalformedIsReportedAsUnusableAtTheEnd() {
        CollectingOutput out = new CollectingOutput();
        BinanceFeed feed = feed(out, false);

        feed.onMessage("{\"stream\":\"nknusdt@depth@0ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":\"x\"}}", null, 1L);
        feed.onMessage("{\"stream\":\"nknusdt@kline_1m\",\"data\":{\"e\":\"kline\",\"E\":\"x\"}}", null, 2L);
        feed.finish();

        List<MarketNotice> notices = out.drain().stream().map(MarketEvent::notice).toList();
        assertThat(notices).extracting(MarketNotice::type)
                .containsExactly(MarketNotice.BOOK_UNSYNCED, MarketNotice.FEED_SUMMARY);
        assertThat(notices.get(0).metaJson())
                .isEqualTo("{\"symbol\":\"NKNUSDT\",\"reason\":\"depth_unusable\",\"malformed_depth\":1,\"books\":0}");
    }

    /** A quiet symbol's back-fill, deferred, is done on the connection's next message of any stream. */
    @Test
    void aDeferredBackFillIsRetriedByThePeriodicCheckWhenItsSymbolIsQuiet() {
        CollectingOutput out = new CollectingOutput();
        Deque<Long> deferrals = new ArrayDeque<>(List.of(500L));
        String page = "[{\"a\":15683428,\"p\":\"0.35\",\"q\":\"1\",\"f\":1,\"l\":1,\"T\":1633998523000,\"m\":false},"
                + "{\"a\":15683429,\"p\":\"0.35\",\"q\":\"1\",\"f\":2,\"l\":2,\"T\":1633998523500,\"m\":true}]";
        BinanceFeed feed = feedRestoredAt(15683427L, out, aggTradesPort(deferrals, page));

        feed.onMessage(TRADE, null, 1_000_000L);
        assertThat(out.drain()).isEmpty();

        feed.onMessage("{\"stream\":\"!miniTicker@arr\",\"data\":[]}", null, 1_000_999L); // before the check is due
        assertThat(out.drain()).isEmpty();
        feed.onMessage("{\"stream\":\"!miniTicker@arr\",\"data\":[]}", null, 1_001_000L);

        assertThat(out.drain()).extracting(e -> e.trade().tradeId()).containsExactly(15683428L, 15683429L, 15683430L);
        assertThat(metrics.count("backfillDeferred")).isEqualTo(1);
        assertThat(metrics.count("tradeGap")).isZero();
    }

    @Test
    void tradesHeldWhenTheFeedEndsGoOutBeforeTheSummaryWithTheGapCounted() {
        CollectingOutput out = new CollectingOutput();
        Deque<Long> deferrals = new ArrayDeque<>(List.of(60_000L));
        BinanceFeed feed = feedRestoredAt(15683427L, out, aggTradesPort(deferrals, "[]"));

        feed.onMessage(TRADE, null, 1_000_000L);
        feed.finish();

        List<MarketEvent> events = out.drain();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).trade().tradeId()).isEqualTo(15683430L);
        assertThat(events.get(1).notice().metaJson()).contains("\"trades\":1", "\"trade_gaps\":2");
        assertThat(metrics.count("tradeGap")).isEqualTo(2);
    }

    private BinanceFeed feed(CollectingOutput out, boolean capture) {
        FeedSettings settings = new FeedSettings(MarketType.SPOT, 5, 100, Duration.ofSeconds(30), capture);
        return new BinanceFeed(settings, RestPort.NONE, out, metrics, Map.of(),
                (id, error) -> methodResults.add(id + ":" + error));
    }

    /** NKNUSDT's last trade emitted before a restore: its next trade ({@link #TRADE}) asks for a back-fill. */
    private BinanceFeed feedRestoredAt(long lastTradeId, CollectingOutput out, RestPort rest) {
        FeedSettings settings = new FeedSettings(MarketType.SPOT, 5, 100, Duration.ofSeconds(30), false);
        return new BinanceFeed(settings, rest, out, metrics, Map.of("NKNUSDT", lastTradeId), (id, error) -> { });
    }

    /** Defers an aggTrades call while {@code deferrals} last, then answers {@code page}. */
    private static RestPort aggTradesPort(Deque<Long> deferrals, String page) {
        return new RestPort() {
            @Override
            public RestAnswer depthSnapshot(String symbol, long nowMs) throws IOException {
                throw new IOException("no snapshots here");
            }

            @Override
            public RestAnswer aggTrades(String symbol, long fromId, long nowMs) throws IOException {
                Long deferral = deferrals.poll();
                if (deferral != null) {
                    throw new RequestDeferred("aggTrades of " + symbol + " from " + fromId, deferral);
                }
                return new RestAnswer("/api/v3/aggTrades?symbol=" + symbol + "&fromId=" + fromId, page, nowMs);
            }
        };
    }
}
