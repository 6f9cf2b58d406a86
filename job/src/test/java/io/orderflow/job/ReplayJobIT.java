package io.orderflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.testing.TestEnvironments;
import io.orderflow.testkit.Harvest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Binance spot recordings replayed through the whole job (SOURCE=replay): the same input gives
 * the same rows every time, the CVD is the signed sum of the recorded trades, and each {@code cvd}
 * row names the trade it follows, which puts rows of one millisecond back in order.
 */
class ReplayJobIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestEnvironments.miniCluster();

    private static final List<Path> RECORDINGS = List.of(
            Path.of("core/src/test/resources/recordings/hftbacktest-spot/btcusdt_20240808.gz"),
            Path.of("core/src/test/resources/recordings/hftbacktest-spot/ethusdt_20240808.gz"));

    @TempDir
    Path tmp;

    @Test
    void replayingTwiceGivesTheSameRowsAndCvdIsTheSignedSumOfTheRecordedTrades() throws Exception {
        Path first = replay(tmp.resolve("first"));
        Path second = replay(tmp.resolve("second"));

        try (Harvest a = new Harvest(first); Harvest b = new Harvest(second)) {
            assertThat(a.prices()).hasSizeGreaterThan(10_000);
            assertThat(b.prices()).containsExactlyInAnyOrderElementsOf(a.prices());
            assertThat(b.ofi()).hasSameSizeAs(a.ofi()).containsExactlyInAnyOrderElementsOf(a.ofi());
            assertThat(b.cvd()).containsExactlyInAnyOrderElementsOf(a.cvd());
            assertThat(a.events()).noneMatch(e -> e.type().equals(MarketNotice.BOOK_RESYNC)); // zero gaps: no resync
            assertEachCvdRowFollowsOneTradeInIdOrder(a);

            Map<String, BigDecimal> expected = signedTradeVolumeBySymbol();
            for (Map.Entry<String, BigDecimal> symbol : expected.entrySet()) {
                List<double[]> totals = a.query(
                        "SELECT sum(delta), count(*), max(ts_ms)::VARCHAR FROM read_parquet(FILES,"
                                + " hive_partitioning = true, union_by_name = true)"
                                + " WHERE kind = 'cvd' AND symbol = '" + symbol.getKey() + "'",
                        rs -> new double[] {rs.getDouble(1), rs.getLong(2)});
                assertThat(totals.get(0)[0]).as(symbol.getKey()).isCloseTo(symbol.getValue().doubleValue(), offset(1e-6));
                // the running CVD after the last trade, the one with the highest id, is the whole sum
                List<Double> lastCvd = a.query(
                        "SELECT cvd FROM read_parquet(FILES, hive_partitioning = true, union_by_name = true)"
                                + " WHERE kind = 'cvd' AND symbol = '" + symbol.getKey() + "'"
                                + " ORDER BY agg_trade_id DESC LIMIT 1",
                        rs -> rs.getDouble(1));
                assertThat(lastCvd.get(0)).as(symbol.getKey()).isCloseTo(symbol.getValue().doubleValue(), offset(1e-6));
            }
        }
    }

    /**
     * Every {@code cvd} row joins exactly one {@code prices} row on (symbol, agg_trade_id), of the same
     * time, and every trade has its one row. Many rows share their millisecond; put in id order (from
     * rows read in a scrambled order, as no reader may rely on the files' order), each row's cvd is the
     * previous one's plus its delta, exactly as the job summed them.
     */
    private static void assertEachCvdRowFollowsOneTradeInIdOrder(Harvest harvest) throws Exception {
        long trades = harvest.prices().size();
        String from = "FROM read_parquet(FILES, hive_partitioning = true, union_by_name = true) WHERE kind = ";
        List<List<Long>> matchesPerRow = harvest.query(
                "WITH cvd AS (SELECT row_number() OVER () AS row, symbol, agg_trade_id, ts_ms " + from + "'cvd'),"
                        + " prices AS (SELECT symbol, agg_trade_id, ts_ms " + from + "'prices')"
                        + " SELECT matches, same_time, count(*) FROM ("
                        + "   SELECT count(p.ts_ms) AS matches, count(*) FILTER (WHERE p.ts_ms = c.ts_ms) AS same_time"
                        + "   FROM cvd c LEFT JOIN prices p ON p.symbol = c.symbol AND p.agg_trade_id = c.agg_trade_id"
                        + "   GROUP BY c.row)"
                        + " GROUP BY ALL",
                rs -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
        assertThat(matchesPerRow).containsExactly(List.of(1L, 1L, trades));
        assertThat(harvest.query("SELECT count(DISTINCT (symbol, agg_trade_id)) " + from + "'cvd'",
                rs -> rs.getLong(1))).containsExactly(trades);

        List<Long> sharedMilliseconds = harvest.query(
                "SELECT count(*) FROM (SELECT symbol, ts_ms " + from + "'cvd' GROUP BY ALL HAVING count(*) > 1)",
                rs -> rs.getLong(1));
        assertThat(sharedMilliseconds.get(0)).isGreaterThan(1_000);
        List<Long> offTheRunningSum = harvest.query(
                "SELECT count(*) FROM ("
                        + "   SELECT cvd, delta,"
                        + "     lag(cvd, 1, 0) OVER (PARTITION BY symbol ORDER BY agg_trade_id) AS before"
                        + "   FROM (SELECT * " + from + "'cvd' ORDER BY hash(agg_trade_id)))"
                        + " WHERE cvd <> before + delta",
                rs -> rs.getLong(1));
        assertThat(offTheRunningSum).containsExactly(0L);
    }

    private static Path replay(Path out) throws Exception {
        OrderflowConfig config = OrderflowConfig.load(new String[] {
            "--source", "replay", "--binance-market", "spot",
            "--replay-files", RECORDINGS.get(0) + "," + RECORDINGS.get(1),
            "--output-dir", out.toString(), "--parquet-rotate-sec", "1"}, Map.of());
        StreamExecutionEnvironment env = TestEnvironments.create();
        new OrderflowJob(config, MarketSources.fromConfig(config), OrderflowJob.parquetSinks(config)).addTo(env);
        env.execute("replay " + out.getFileName());
        return out;
    }

    /** Σ ±q over the recorded @trade messages, read straight from the files with Jackson. */
    private static Map<String, BigDecimal> signedTradeVolumeBySymbol() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (Path recording : RECORDINGS) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(recording)), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.contains("@trade\"")) {
                        continue;
                    }
                    JsonNode data = json.readTree(line.substring(line.indexOf(' ') + 1)).get("data");
                    BigDecimal qty = new BigDecimal(data.get("q").asText());
                    sums.merge(data.get("s").asText(), data.get("m").asBoolean() ? qty.negate() : qty, BigDecimal::add);
                }
            }
        }
        return sums;
    }
}
