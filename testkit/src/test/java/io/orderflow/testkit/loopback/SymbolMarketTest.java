package io.orderflow.testkit.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import io.orderflow.core.market.MarketSimulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The exchange's market logic without sockets: id rules, snapshot consistency, trade history. */
class SymbolMarketTest {

    private static final long START_MS = 1_700_000_000_000L;
    private static final long WINDOW_MS = 100;
    private static final String SYMBOL = "BTCUSDT";
    private static final Topic DIFFS = Topic.of(SYMBOL, StreamKind.DIFF_DEPTH);
    private static final Topic TICKERS = Topic.of(SYMBOL, StreamKind.BOOK_TICKER);
    private static final Topic AGG_TRADES = Topic.of(SYMBOL, StreamKind.AGG_TRADE);

    @ParameterizedTest
    @EnumSource(MarketType.class)
    void diffsFollowBinanceContinuityRules(MarketType market) {
        Recorder out = new Recorder();
        market(market).advanceTo(START_MS + 10_000, out);

        List<JsonNode> diffs = out.of(DIFFS);
        assertThat(diffs).hasSizeGreaterThan(50);
        int jumps = 0;
        for (int i = 1; i < diffs.size(); i++) {
            JsonNode previous = diffs.get(i - 1);
            JsonNode diff = diffs.get(i);
            assertThat(diff.get("U").asLong()).isLessThanOrEqualTo(diff.get("u").asLong());
            if (market == MarketType.SPOT) {
                assertThat(diff.get("U").asLong()).isEqualTo(previous.get("u").asLong() + 1);
                assertThat(diff.has("pu")).isFalse();
            } else {
                assertThat(diff.get("pu").asLong()).isEqualTo(previous.get("u").asLong());
                jumps += diff.get("U").asLong() != previous.get("u").asLong() + 1 ? 1 : 0;
            }
            assertThat(diff.get("E").asLong() % WINDOW_MS).isZero();
        }
        if (market.isFutures()) {
            assertThat(jumps).as("futures U must not always be previous u + 1").isGreaterThan(diffs.size() / 4);
        }
    }

    @ParameterizedTest
    @EnumSource(MarketType.class)
    void aBookSyncedFromASnapshotMatchesTheTickerAndTheNextSnapshot(MarketType market) {
        SymbolMarket exchange = market(market);
        Recorder out = new Recorder();
        exchange.advanceTo(START_MS + 1_234, out);
        ClientBook book = new ClientBook(market, WsClient.json(exchange.snapshot(1_000, START_MS)));
        exchange.advanceTo(START_MS + 4_999, out);

        Map<Long, String> tickers = new HashMap<>();
        out.of(TICKERS).forEach(t -> tickers.put(t.get("u").asLong(), ClientBook.top(t)));
        int compared = 0;
        for (JsonNode diff : out.of(DIFFS)) {
            if (book.apply(diff) && tickers.containsKey(book.lastUpdateId())) {
                assertThat(book.top()).isEqualTo(tickers.get(book.lastUpdateId()));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(10);

        // At a window's end nothing is pending, so a fresh snapshot is exactly the rebuilt book.
        JsonNode later = WsClient.json(exchange.snapshot(1_000, START_MS));
        assertThat(later.get("lastUpdateId").asLong()).isEqualTo(book.lastUpdateId());
        ClientBook fresh = new ClientBook(market, later);
        assertThat(book.bids).isEqualTo(fresh.bids);
        assertThat(book.asks).isEqualTo(fresh.asks);
        assertThat(book.bids).hasSize(20);
    }

    @ParameterizedTest
    @EnumSource(MarketType.class)
    void restAggTradesReturnWhatWasStreamed(MarketType market) {
        SymbolMarket exchange = market(market);
        Recorder out = new Recorder();
        exchange.advanceTo(START_MS + 5_000, out);
        List<JsonNode> streamed = out.of(AGG_TRADES);
        assertThat(streamed).hasSizeGreaterThan(200);

        long fromId = streamed.get(10).get("a").asLong();
        JsonNode page = WsClient.json(exchange.aggTrades(fromId, 100));
        assertThat(page).hasSize(100);
        for (int i = 0; i < 100; i++) {
            JsonNode rest = page.get(i);
            JsonNode live = streamed.get(10 + i);
            assertThat(rest.get("a").asLong()).isEqualTo(fromId + i);
            for (String field : List.of("a", "p", "q", "f", "l", "T", "m")) {
                assertThat(rest.get(field)).as(field).isEqualTo(live.get(field));
            }
        }
        JsonNode latest = WsClient.json(exchange.aggTrades(null, 3));
        assertThat(latest.get(2).get("a").asLong()).isEqualTo(exchange.lastTradeId());
        assertThat(exchange.publishedTradeIds()).endsWith(exchange.lastTradeId()).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(MarketType.class)
    void aSkippedDiffLeavesAGapButKeepsTheStateMoving(MarketType market) {
        SymbolMarket exchange = market(market);
        Recorder out = new Recorder();
        exchange.advanceTo(START_MS + 1_000, out);
        exchange.skipNextDiff();
        exchange.advanceTo(START_MS + 2_000, out);

        List<JsonNode> diffs = out.of(DIFFS);
        List<Integer> breaks = new ArrayList<>();
        for (int i = 1; i < diffs.size(); i++) {
            long previousU = diffs.get(i - 1).get("u").asLong();
            boolean follows = market == MarketType.SPOT
                    ? diffs.get(i).get("U").asLong() == previousU + 1
                    : diffs.get(i).get("pu").asLong() == previousU;
            if (!follows) {
                breaks.add(i);
            }
        }
        assertThat(breaks).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(MarketType.class)
    void theSameSeedPlaysTheSameMarket(MarketType market) {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        market(market).advanceTo(START_MS + 2_000, first);
        market(market).advanceTo(START_MS + 2_000, second);
        assertThat(first.messages).isNotEmpty().isEqualTo(second.messages);
    }

    @ParameterizedTest
    @EnumSource(MarketType.class)
    void onlyTopicsSomeClientTakesAreWrittenAndTheMarketIsTheSame(MarketType market) {
        Recorder everything = new Recorder();
        SymbolMarket full = market(market);
        full.advanceTo(START_MS + 5_000, everything);
        List<Topic> asked = new ArrayList<>();
        Recorder diffsOnly = new Recorder() {
            @Override
            public boolean wants(Topic topic) {
                asked.add(topic);
                return topic.equals(DIFFS);
            }
        };
        SymbolMarket lean = market(market);
        lean.advanceTo(START_MS + 5_000, diffsOnly);

        assertThat(diffsOnly.messages).extracting(Recorder.Message::topic).containsOnly(DIFFS);
        assertThat(diffsOnly.of(DIFFS)).isEqualTo(everything.of(DIFFS));
        assertThat(asked).contains(AGG_TRADES, TICKERS, new Topic(SYMBOL, StreamKind.PARTIAL_DEPTH, 5));
        assertThat(lean.lastTradeId()).isEqualTo(full.lastTradeId()).isPositive();
        assertThat(lean.snapshot(20, START_MS)).isEqualTo(full.snapshot(20, START_MS));
    }

    private static SymbolMarket market(MarketType market) {
        return new SymbolMarket(market, new MarketSimulator(SYMBOL, 7, START_MS, 500, 20), WINDOW_MS, 1_000_000);
    }
}
