package io.orderflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.FusionRow;
import io.orderflow.core.model.KlineRow;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.OfiRow;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.testing.TestEnvironments;
import io.orderflow.testkit.Harvest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Binance spot recordings (BTCUSDT, ETHUSDT, 2024-08-08 23:54–00:00 UTC) replayed through
 * the whole job; klines, fusion and events are read back from Parquet with DuckDB and checked against
 * what is computed here independently from the other kinds.
 */
class KlinesFusionEventsIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestEnvironments.miniCluster();

    private static final String RECORDINGS = "core/src/test/resources/recordings/hftbacktest-spot/btcusdt_20240808.gz,"
            + "core/src/test/resources/recordings/hftbacktest-spot/ethusdt_20240808.gz";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path out;

    static OrderflowConfig config;
    static Harvest harvest;

    @BeforeAll
    static void replay() throws Exception {
        // defaults, except one bar each side for pivots: six minutes of data hold no 10-bar pivot
        config = OrderflowConfig.load(new String[] {
            "--source", "replay", "--binance-market", "spot", "--replay-files", RECORDINGS,
            "--output-dir", out.toString(), "--parquet-rotate-sec", "1", "--pivot-bars", "1"}, Map.of());
        StreamExecutionEnvironment env = TestEnvironments.create();
        new OrderflowJob(config, MarketSources.fromConfig(config), OrderflowJob.parquetSinks(config)).addTo(env);
        env.execute("klines, fusion, events on the recordings");
        harvest = new Harvest(out);
    }

    @AfterAll
    static void close() throws Exception {
        harvest.close();
    }

    @Test
    void klinesAreTheOhlcvOfTheTradesComputedBySql() throws Exception {
        List<JsonNode> late = lateTrades();
        String notLate = late.isEmpty() ? "" : " AND agg_trade_id NOT IN (" + late.stream()
                .map(t -> t.get("trade_id").asText()).collect(Collectors.joining(",")) + ")";
        List<KlineRow> expected = new ArrayList<>();
        for (Object[] tf : new Object[][] {{"1m", 60_000L}, {"5m", 300_000L}, {"1h", 3_600_000L}}) {
            long ms = (Long) tf[1];
            // taker buys come from the cvd kind (delta > 0), everything else from prices: independent columns
            List<KlineRow> bars = harvest.query(
                    "WITH p AS (SELECT symbol, epoch_ms(ts_ms) AS t, agg_trade_id, price, qty FROM read_parquet(FILES,"
                            + " hive_partitioning = true, union_by_name = true) WHERE kind = 'prices'" + notLate + "),"
                            + " bars AS (SELECT symbol, t // " + ms + " * " + ms + " AS bar,"
                            + " first(price ORDER BY t, agg_trade_id) AS o, max(price) AS h, min(price) AS l,"
                            + " last(price ORDER BY t, agg_trade_id) AS c, sum(qty) AS v, sum(price * qty) AS qv,"
                            + " count(*) AS n FROM p GROUP BY ALL),"
                            + " buys AS (SELECT symbol, epoch_ms(ts_ms) // " + ms + " * " + ms + " AS bar,"
                            + " sum(greatest(delta, 0)) AS tb FROM read_parquet(FILES, hive_partitioning = true,"
                            + " union_by_name = true) WHERE kind = 'cvd' GROUP BY ALL)"
                            + " SELECT bars.*, buys.tb FROM bars JOIN buys USING (symbol, bar)",
                    rs -> new KlineRow(rs.getLong(2), rs.getString(1), (String) tf[0], rs.getDouble(3),
                            rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8),
                            rs.getDouble(10), rs.getLong(9), rs.getDouble(8) / rs.getDouble(7)));
            // the cvd kind counts every trade, klines leave late ones out: take their taker buys off
            for (JsonNode t : late) {
                if (t.get("taker_side").asText().equals("buy")) {
                    long bar = Math.floorDiv(t.get("trade_ts_ms").asLong(), ms) * ms;
                    bars.replaceAll(k -> k.symbol().equals(t.get("symbol").asText()) && k.tsMs() == bar
                            ? withTakerBuys(k, k.takerBuyVolume() - t.get("qty").asDouble()) : k);
                }
            }
            expected.addAll(bars);
        }
        List<KlineRow> actual = harvest.klines();
        assertThat(actual).hasSizeGreaterThanOrEqualTo(2 * (6 + 2 + 1));
        assertThat(actual).extracting(KlineRow::timeframe).contains("1m", "5m", "1h");
        Comparator<KlineRow> order = Comparator.comparing(KlineRow::symbol).thenComparing(KlineRow::timeframe)
                .thenComparingLong(KlineRow::tsMs);
        List<KlineRow> a = actual.stream().sorted(order).toList();
        List<KlineRow> e = expected.stream().sorted(order).toList();
        assertThat(a).extracting(KlineRow::symbol, KlineRow::timeframe, KlineRow::tsMs, KlineRow::tradeCount,
                KlineRow::open, KlineRow::high, KlineRow::low, KlineRow::close)
                .containsExactlyElementsOf(e.stream().map(k -> tuple(k.symbol(),
                        k.timeframe(), k.tsMs(), k.tradeCount(), k.open(), k.high(), k.low(), k.close())).toList());
        for (int i = 0; i < a.size(); i++) {
            KlineRow x = a.get(i);
            KlineRow y = e.get(i);
            assertThat(x.volume()).as("volume %s", x).isCloseTo(y.volume(), offset(1e-9 * y.volume()));
            assertThat(x.quoteVolume()).as("quote volume %s", x).isCloseTo(y.quoteVolume(), offset(1e-9 * y.quoteVolume()));
            assertThat(x.vwap()).as("vwap %s", x).isCloseTo(y.vwap(), offset(1e-9 * y.vwap()));
            assertThat(x.takerBuyVolume()).as("taker buys %s", x).isCloseTo(y.takerBuyVolume(), offset(1e-9 * y.volume()));
        }
    }

    private static KlineRow withTakerBuys(KlineRow k, double takerBuys) {
        return new KlineRow(k.tsMs(), k.symbol(), k.timeframe(), k.open(), k.high(), k.low(), k.close(),
                k.volume(), k.quoteVolume(), takerBuys, k.tradeCount(), k.vwap());
    }

    @Test
    void fusionScoreIsTheWeightedZOfTheRowsItCameFrom() throws Exception {
        List<FusionRow> fusion = harvest.fusion();
        assertThat(fusion).hasSizeGreaterThan(2 * 300); // ~346 s of each symbol
        Map<String, List<OfiRow>> ofiByKey = harvest.ofi().stream()
                .collect(Collectors.groupingBy(r -> r.symbol() + "@" + r.tsMs()));
        Map<String, List<CvdRow>> cvdByKey = harvest.cvd().stream()
                .collect(Collectors.groupingBy(r -> r.symbol() + "@" + r.tsMs()));
        Map<String, TreeSet<Long>> ofiTimes = harvest.ofi().stream().collect(Collectors.groupingBy(
                OfiRow::symbol, Collectors.mapping(OfiRow::tsMs, Collectors.toCollection(TreeSet::new))));
        Map<String, TreeSet<Long>> cvdTimes = harvest.cvd().stream().collect(Collectors.groupingBy(
                CvdRow::symbol, Collectors.mapping(CvdRow::tsMs, Collectors.toCollection(TreeSet::new))));
        double wOfi = config.fusionWeightOfi();
        double wCvd = config.fusionWeightCvd();
        for (FusionRow row : fusion) {
            assertThat(row.tsMs() % 1000).isZero();
            assertThat(row.ofiTsMs()).isLessThanOrEqualTo(row.tsMs());
            assertThat(row.cvdTsMs()).isLessThanOrEqualTo(row.tsMs());
            List<OfiRow> ofi = ofiByKey.get(row.symbol() + "@" + row.ofiTsMs());
            List<CvdRow> cvd = cvdByKey.get(row.symbol() + "@" + row.cvdTsMs());
            assertThat(ofi).as("ofi row behind %s", row).isNotNull().anySatisfy(o -> assertThat(o.ofiZ()).isEqualTo(row.ofiZ()));
            assertThat(cvd).as("cvd row behind %s", row).isNotNull().anySatisfy(c -> {
                assertThat(c.zCvd()).isEqualTo(row.zCvd());
                assertThat(c.regime()).isEqualTo(row.regime());
            });
            assertThat(row.score()).isCloseTo(wOfi * row.ofiZ() + wCvd * row.zCvd(), offset(1e-12));
            // and they are the latest rows at or before the tick
            assertThat(row.ofiTsMs()).as("latest ofi before %s", row).isEqualTo(latestAtOrBefore(ofiTimes, row));
            assertThat(row.cvdTsMs()).as("latest cvd before %s", row).isEqualTo(latestAtOrBefore(cvdTimes, row));
        }
    }

    private static long latestAtOrBefore(Map<String, TreeSet<Long>> times, FusionRow row) {
        return times.get(row.symbol()).floor(row.tsMs());
    }

    @Test
    void fusionTicksEverySecondAndScoreZIsTheRobustZOfTheScores() throws Exception {
        int window = config.fusionWindowSec();
        Map<String, List<FusionRow>> bySymbol = harvest.fusion().stream()
                .sorted(Comparator.comparingLong(FusionRow::tsMs))
                .collect(Collectors.groupingBy(FusionRow::symbol));
        assertThat(bySymbol).containsOnlyKeys("BTCUSDT", "ETHUSDT");
        for (List<FusionRow> rows : bySymbol.values()) {
            for (int i = 0; i < rows.size(); i++) {
                if (i > 0) {
                    assertThat(rows.get(i).tsMs() - rows.get(i - 1).tsMs()).isEqualTo(1000);
                }
                double[] recent = rows.subList(Math.max(0, i - window + 1), i + 1).stream()
                        .mapToDouble(FusionRow::score).sorted().toArray();
                double median = median(recent);
                double[] deviations = Arrays.stream(recent).map(x -> Math.abs(x - median)).sorted().toArray();
                double scale = 1.4826 * median(deviations);
                double expected = scale == 0 ? 0 : (rows.get(i).score() - median) / scale;
                assertThat(rows.get(i).scoreZ()).as("score_z at %s", rows.get(i)).isCloseTo(expected, offset(1e-9));
                assertThat(rows.get(i).warmup()).isEqualTo(i + 1 < window);
            }
        }
    }

    @Test
    void eventsCarryTheFiguresBehindThem() throws Exception {
        List<MarketNotice> events = harvest.events();
        Map<String, KlineRow> minuteBars = harvest.klines().stream().filter(k -> k.timeframe().equals("1m"))
                .collect(Collectors.toMap(k -> k.symbol() + "@" + k.tsMs(), k -> k));
        Map<String, FusionRow> ticks = harvest.fusion().stream()
                .collect(Collectors.toMap(f -> f.symbol() + "@" + f.tsMs(), f -> f));
        assertThat(events).extracting(MarketNotice::type).contains(MarketNotice.PIVOT_HIGH, MarketNotice.PIVOT_LOW)
                .doesNotContain(MarketNotice.BOOK_RESYNC); // every snapshot of these files syncs
        for (MarketNotice event : events) {
            JsonNode meta = JSON.readTree(event.metaJson());
            assertThat(meta.get("symbol").asText()).isEqualTo(event.symbol());
            switch (event.type()) {
                case MarketNotice.PIVOT_HIGH, MarketNotice.PIVOT_LOW -> {
                    KlineRow bar = minuteBars.get(event.symbol() + "@" + meta.get("pivot_ts_ms").asLong());
                    assertThat(bar).as("pivot bar of %s", event).isNotNull();
                    assertThat(meta.get("price").asDouble())
                            .isEqualTo(event.type().equals(MarketNotice.PIVOT_HIGH) ? bar.high() : bar.low());
                    // confirmed when the bar after it closes (PIVOT_BARS=1)
                    assertThat(event.timeMs()).isGreaterThanOrEqualTo(bar.tsMs() + 120_000);
                }
                case MarketNotice.SCORE_EXTREME -> {
                    FusionRow tick = ticks.get(event.symbol() + "@" + event.timeMs());
                    assertThat(tick).isNotNull();
                    assertThat(Math.abs(tick.scoreZ())).isGreaterThanOrEqualTo(config.scoreZThreshold());
                    assertThat(meta.get("score_z").asDouble()).isEqualTo(tick.scoreZ());
                }
                case MarketNotice.SPREAD_BLOWOUT -> assertThat(meta.get("spread_bps").asDouble())
                        .isGreaterThanOrEqualTo(config.spreadBlowoutMinBps())
                        .isGreaterThanOrEqualTo(config.spreadBlowoutMult() * meta.get("baseline_bps").asDouble());
                default -> { }
            }
        }
    }

    /** The meta_json of every late_trade event. */
    private static List<JsonNode> lateTrades() throws Exception {
        List<JsonNode> trades = new ArrayList<>();
        for (MarketNotice event : harvest.events()) {
            if (event.type().equals(MarketNotice.LATE_TRADE)) {
                trades.add(JSON.readTree(event.metaJson()));
            }
        }
        return trades;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
