package io.orderflow.testkit.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.feed.BinanceFeed;
import io.orderflow.core.exchange.binance.feed.FeedMetrics;
import io.orderflow.core.exchange.binance.feed.FeedOutput;
import io.orderflow.core.exchange.binance.feed.FeedSettings;
import io.orderflow.core.exchange.binance.feed.RestPort;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.testkit.loopback.FrameFuzzer.Frame;
import io.orderflow.testkit.loopback.FrameFuzzer.Mutation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fuzzer's frames through the one Binance feed, frame by frame: each is counted exactly once
 * (malformed, unsupported, a method answer, or a duplicate trade), and none becomes an event. What the
 * source's connection adds (binary frames) is left to {@code BinanceSourceIT}.
 */
class FrameFuzzerTest {

    private static final long TRADE_ID = 15683430;
    private static final String REAL_TRADE = "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\","
            + "\"E\":1633998523963,\"s\":\"BTCUSDT\",\"a\":" + TRADE_ID + ",\"p\":\"0.35280000\",\"q\":\"58.00000000\","
            + "\"f\":19862790,\"l\":19862790,\"T\":1633998523963,\"m\":false,\"M\":true}}";

    private final long[] counts = new long[5]; // parse errors, unsupported, duplicates, method answers, anything else
    private final List<MarketEvent> events = new ArrayList<>();

    @Test
    void everyFrameIsCountedOnceAndNoneBecomesAnEvent() {
        BinanceFeed feed = new BinanceFeed(new FeedSettings(MarketType.SPOT, 5, 1_000, Duration.ofSeconds(30), false),
                RestPort.NONE, output(), metrics(), Map.of(), (id, error) -> counts[3]++);
        feed.onMessage(REAL_TRADE, null, 1_000);
        assertThat(events).hasSize(1);
        events.clear();

        Map<Mutation, Integer> frames = new EnumMap<>(Mutation.class);
        for (Frame frame : new FrameFuzzer(16, "BTCUSDT", TRADE_ID).next(10_000)) {
            frames.merge(frame.mutation(), 1, Integer::sum);
            if (frame.binary()) {
                continue; // never text: the connection counts it
            }
            long before = counts[0] + counts[1] + counts[2] + counts[3];
            long otherBefore = counts[4];
            feed.onMessage(frame.text(), null, 2_000);
            assertThat(counts[0] + counts[1] + counts[2] + counts[3]).as("counted once: %s", frame.text())
                    .isEqualTo(before + 1);
            assertThat(counts[4]).as("nothing else counted: %s", frame.text()).isEqualTo(otherBefore);
            assertThat(events).as("no event from %s", frame.text()).isEmpty();
        }

        assertThat(frames.keySet()).as("every mutation made").containsExactlyInAnyOrder(Mutation.values());
        assertThat(frames.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10_000);
        System.out.printf("fuzzed frames by mutation %s; parse errors %d, unsupported %d, duplicates %d, "
                + "method answers %d%n", frames, counts[0], counts[1], counts[2], counts[3]);
    }

    private FeedOutput output() {
        return new FeedOutput() {
            @Override
            public boolean put(MarketEvent event) {
                return events.add(event);
            }

            @Override
            public boolean offer(MarketEvent event) {
                return events.add(event);
            }

            @Override
            public boolean putConflating(MarketEvent book) {
                events.add(book);
                return false;
            }

            @Override
            public boolean hasHeadroom() {
                return true;
            }
        };
    }

    private FeedMetrics metrics() {
        return new FeedMetrics() {
            @Override
            public void parseError() {
                counts[0]++;
            }

            @Override
            public void unsupported() {
                counts[1]++;
            }

            @Override
            public void dedupHit() {
                counts[2]++;
            }

            @Override
            public void backfilled(long trades) {
                counts[4]++;
            }

            @Override
            public void backfillDeferred() {
                counts[4]++;
            }

            @Override
            public void tradeGap(long missing) {
                counts[4]++;
            }

            @Override
            public void depthFrameDropped() {
                counts[4]++;
            }

            @Override
            public void bookResync() {
                counts[4]++;
            }

            @Override
            public void bookResynced(long tookMs) {
                counts[4]++;
            }

            @Override
            public void bookUnsynced() {
                counts[4]++;
            }

            @Override
            public void tickerCheck(boolean mismatch) {
                counts[4]++;
            }
        };
    }
}
