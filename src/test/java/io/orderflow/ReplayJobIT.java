package io.orderflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.config.OrderflowConfig;
import io.orderflow.model.MarketNotice;
import io.orderflow.testing.Harvest;
import io.orderflow.testing.TestEnvironments;
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
 * the same rows every time, and the CVD is the signed sum of the recorded trades.
 */
class ReplayJobIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestEnvironments.miniCluster();

    private static final List<Path> RECORDINGS = List.of(
            Path.of("src/test/resources/recordings/hftbacktest-spot/btcusdt_20240808.gz"),
            Path.of("src/test/resources/recordings/hftbacktest-spot/ethusdt_20240808.gz"));

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

            Map<String, BigDecimal> expected = signedTradeVolumeBySymbol();
            for (Map.Entry<String, BigDecimal> symbol : expected.entrySet()) {
                List<double[]> totals = a.query(
                        "SELECT sum(delta), count(*), max(ts_ms)::VARCHAR FROM read_parquet(FILES,"
                                + " hive_partitioning = true, union_by_name = true)"
                                + " WHERE kind = 'cvd' AND symbol = '" + symbol.getKey() + "'",
                        rs -> new double[] {rs.getDouble(1), rs.getLong(2)});
                assertThat(totals.get(0)[0]).as(symbol.getKey()).isCloseTo(symbol.getValue().doubleValue(), offset(1e-6));
                // the last trade's running CVD is the whole sum
                List<Double> lastCvd = a.query(
                        "SELECT cvd FROM read_parquet(FILES, hive_partitioning = true, union_by_name = true)"
                                + " WHERE kind = 'cvd' AND symbol = '" + symbol.getKey() + "'"
                                + " ORDER BY ts_ms DESC, abs(cvd - " + symbol.getValue() + ") LIMIT 1",
                        rs -> rs.getDouble(1));
                assertThat(lastCvd.get(0)).as(symbol.getKey()).isCloseTo(symbol.getValue().doubleValue(), offset(1e-6));
            }
        }
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
