package io.orderflow.tools.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.orderflow.client.BarCache;
import io.orderflow.client.ClientSettings;
import io.orderflow.client.Kline;
import io.orderflow.client.OrderflowClient;
import io.orderflow.client.Timeframe;
import io.orderflow.core.model.KlineRow;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.sink.RowKinds;
import io.orderflow.tools.dq.HarvestWriter;
import io.orderflow.tools.strategy.MovingAverageCross;
import io.orderflow.tools.strategy.MovingAverageCross.Decision;
import io.orderflow.tools.strategy.MovingAverageCrossStrategy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/**
 * The strategy SDK and the example strategy against a running demo's own server (issue 14), its data
 * directory holding 40 minutes of BTCUSDT 1m bars from before the run, so that a count of bars is
 * there at once. Its calls are made while the demo runs; what they returned is checked against the
 * committed {@code klines} rows once the demo stopped, when every bar that closed is committed.
 */
final class StrategyOnTheDemo implements AutoCloseable {

    private static final String SYMBOL = "BTCUSDT";
    private static final long MINUTE = 60_000L;
    private static final int HISTORY_MINUTES = 40;

    private final OrderflowClient client;
    private final List<Decision> decisions = new CopyOnWriteArrayList<>();
    private final Map<Long, List<Kline>> answers = new TreeMap<>(); // by the asOf they were asked at
    private long firstCallMs;
    private Decision live;
    private List<Kline> cached;

    private StrategyOnTheDemo(int serverPort) {
        client = new OrderflowClient(ClientSettings.defaults()
                .withEndpoint(URI.create("ws://127.0.0.1:" + serverPort + "/ws/stream")));
    }

    /**
     * BTCUSDT 1m bars for the 40 minutes ending 2 minutes before now, written as the job writes its
     * klines (one committed file per date, their number returned): the demo's own bars start after them.
     */
    static int writeHistory(Path data) throws Exception {
        long end = System.currentTimeMillis() / MINUTE * MINUTE - 2 * MINUTE;
        Map<String, List<KlineRow>> byDate = new TreeMap<>();
        for (int i = 0; i < HISTORY_MINUTES; i++) {
            long ts = end - (HISTORY_MINUTES - i) * MINUTE;
            double close = 60_000 + 40 * Math.sin(i / 3.0) + i; // swings, so the averages cross
            byDate.computeIfAbsent(Instant.ofEpochMilli(ts).atZone(ZoneOffset.UTC).toLocalDate().toString(), d -> new ArrayList<>())
                    .add(new KlineRow(ts, SYMBOL, "1m", close - 1, close + 3, close - 4, close, 2.5, 2.5 * close, 1.25, 50, close));
        }
        HarvestWriter writer = new HarvestWriter(data);
        for (List<KlineRow> rows : byDate.values()) {
            writer.write(RowKinds.KLINES, OrderflowConfig.defaults(), null, rows);
        }
        return byDate.size();
    }

    /**
     * Connects to the demo's server, asks for 20 bars with nothing cached yet (a miss, from history),
     * then starts the example strategy on the same client.
     */
    static StrategyOnTheDemo start(int serverPort) throws Exception {
        StrategyOnTheDemo on = new StrategyOnTheDemo(serverPort);
        on.client.connect().awaitConnected(Duration.ofSeconds(10));
        // Bars close on the minute; history may lack one for the client's settle time after: not then.
        long settle = ClientSettings.defaults().settleTime().toMillis();
        Awaitility.await().atMost(Duration.ofMillis(settle + 1_000)).pollInterval(Duration.ofMillis(50))
                .until(() -> System.currentTimeMillis() % MINUTE >= settle);
        on.firstCallMs = System.currentTimeMillis();
        on.answers.put(on.firstCallMs, on.client.bars().bars(SYMBOL, Timeframe.M1, 20));
        assertThat(on.client.bars().cache().stats()).extracting(BarCache.Stats::hits, BarCache.Stats::misses).containsExactly(0L, 1L);

        MovingAverageCrossStrategy strategy = new MovingAverageCrossStrategy(on.client, List.of(SYMBOL),
                new MovingAverageCross(5, 20), on.decisions::add);
        strategy.start();
        strategy.decideNow();
        return on;
    }

    /**
     * Waits for the strategy's decision on a bar the demo closed, then asks for 20 bars again (a hit:
     * history and the live bars joined in the cache), and as of every 20 s over the history and the run.
     */
    void awaitALiveDecisionThenAsk() {
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> decisions.stream().anyMatch(this::onABarClosedLive));
        live = decisions.stream().filter(this::onABarClosedLive).findFirst().orElseThrow();
        BarCache.Stats before = client.bars().cache().stats();
        long now = System.currentTimeMillis();
        answers.put(now, client.bars().bars(SYMBOL, Timeframe.M1, 20));
        BarCache.Stats after = client.bars().cache().stats();
        assertThat(after.hits()).as("from the cache").isEqualTo(before.hits() + 1);
        assertThat(after.misses()).isEqualTo(before.misses());

        long historyStart = now / MINUTE * MINUTE - (HISTORY_MINUTES + 5) * MINUTE;
        for (long asOf = historyStart; asOf < now; asOf += 20_000) {
            answers.put(asOf, client.bars().bars(SYMBOL, Timeframe.M1, 20, asOf));
        }
        cached = client.bars().cache().last(SYMBOL, Timeframe.M1, Integer.MAX_VALUE).stream().filter(Kline::closed).toList();
    }

    /** Checks every answer, the cache and the strategy's decision against the rows committed by the stopped demo. */
    void assertAgainst(List<KlineRow> klines) {
        List<Kline> committed = klines.stream().filter(r -> r.symbol().equals(SYMBOL) && r.timeframe().equals("1m"))
                .map(StrategyOnTheDemo::kline).sorted((a, b) -> Long.compare(a.tsMs(), b.tsMs())).toList();
        assertThat(committed).as("history and the demo's own bars").hasSizeGreaterThan(HISTORY_MINUTES);
        answers.forEach((asOf, answer) -> {
            assertThat(answer).as("as of %s", Instant.ofEpochMilli(asOf)).containsExactlyElementsOf(lastClosed(committed, 20, asOf));
            assertThat(answer).allSatisfy(bar -> assertThat(bar.closeTimeMs()).isLessThanOrEqualTo(asOf));
        });
        assertThat(answers.get(firstCallMs)).hasSize(20);

        assertThat(cached).as("the cache holds history's bars and the live ones").hasSizeGreaterThan(HISTORY_MINUTES)
                .containsExactlyElementsOf(committed.stream()
                        .filter(b -> b.tsMs() >= cached.get(0).tsMs() && b.tsMs() <= cached.get(cached.size() - 1).tsMs()).toList());

        // The decision on the bar the demo closed: its averages are those of the committed closes up to it.
        List<Kline> seen = lastClosed(committed, 20, live.timeMs());
        assertThat(seen.get(seen.size() - 1).closeTimeMs()).isEqualTo(live.timeMs());
        assertThat(live.symbol()).isEqualTo(SYMBOL);
        assertThat(live.slowMa()).isCloseTo(seen.stream().mapToDouble(Kline::close).average().orElseThrow(), within(1e-6));
        assertThat(live.fastMa()).isCloseTo(seen.subList(15, 20).stream().mapToDouble(Kline::close).average().orElseThrow(),
                within(1e-6));
        assertThat(live.toString()).startsWith(Instant.ofEpochMilli(live.timeMs()) + " BTCUSDT   " + live.action());
    }

    /** Made at a bar's close, after the first call: decideNow()'s decision is at the time it was made. */
    private boolean onABarClosedLive(Decision decision) {
        return decision.timeMs() > firstCallMs && decision.timeMs() % MINUTE == 0;
    }

    private static List<Kline> lastClosed(List<Kline> bars, int count, long asOfMs) {
        List<Kline> closed = bars.stream().filter(b -> b.closeTimeMs() <= asOfMs).toList();
        return closed.subList(Math.max(0, closed.size() - count), closed.size());
    }

    private static Kline kline(KlineRow r) {
        return new Kline(r.tsMs(), r.symbol(), Timeframe.of(r.timeframe()), r.open(), r.high(), r.low(), r.close(),
                r.volume(), r.quoteVolume(), r.takerBuyVolume(), r.tradeCount(), r.vwap(), true);
    }

    @Override
    public void close() {
        client.close();
    }
}
