package io.orderflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.replay.Recording;
import io.orderflow.core.replay.ReplayFeed;
import io.orderflow.core.testing.LinearFit;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.testing.TestEnvironments;
import io.orderflow.testkit.Harvest;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The signals on real Binance spot data (hftbacktest BTCUSDT and ETHUSDT, 2024-08-08, ~6 min each),
 * replayed through the whole job with the default settings and read back from the Parquet:
 *
 * <ul>
 *   <li>the mid-price change over 1 s and 10 s buckets regresses on the bucket's summed depth-normalised
 *       OFI with a positive slope, and explains far more of it than the same OFI shuffled in time;
 *   <li>z_raw and z_cvd part in the tails: real trades go beyond the winsor limit, z_cvd never does.
 * </ul>
 *
 * <p>The figures it prints are the ones docs/signals.md reports.
 */
class SignalValidationIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestEnvironments.miniCluster();

    private static final Map<String, Path> RECORDINGS = Map.of(
            "BTCUSDT", Path.of("core/src/test/resources/recordings/hftbacktest-spot/btcusdt_20240808.gz"),
            "ETHUSDT", Path.of("core/src/test/resources/recordings/hftbacktest-spot/ethusdt_20240808.gz"));

    /** Shuffles of the OFI series the true fit is compared with; fixed seed. */
    private static final int SHUFFLES = 200;
    private static final long SEED = 20240808L;

    @TempDir
    static Path out;

    static OrderflowConfig config;
    static Harvest harvest;

    @BeforeAll
    static void replayTheRecordings() throws Exception {
        config = OrderflowConfig.load(new String[] {
            "--source", "replay", "--binance-market", "spot",
            "--replay-files", RECORDINGS.get("BTCUSDT") + "," + RECORDINGS.get("ETHUSDT"),
            "--output-dir", out.toString(), "--parquet-rotate-sec", "1"}, Map.of());
        StreamExecutionEnvironment env = TestEnvironments.create();
        new OrderflowJob(config, MarketSources.fromConfig(config), OrderflowJob.parquetSinks(config)).addTo(env);
        env.execute("signal validation");
        harvest = new Harvest(out);
    }

    @AfterAll
    static void closeHarvest() throws Exception {
        harvest.close();
    }

    @ParameterizedTest(name = "{0} over {1} ms buckets")
    @CsvSource({
        "BTCUSDT, 1000, 300, 0.15",
        "BTCUSDT, 10000, 30, 0.15",
        "ETHUSDT, 1000, 300, 0.15",
        "ETHUSDT, 10000, 30, 0.15"})
    void midPriceChangeRegressesOnDepthNormalisedOfi(String symbol, long bucketMs, int minBuckets, double minR2)
            throws Exception {
        Buckets buckets = buckets(symbol, bucketMs);
        assertThat(buckets.size()).isGreaterThanOrEqualTo(minBuckets);
        LinearFit fit = LinearFit.of(buckets.ofi, buckets.midChangeBps);
        LinearFit unnormalised = LinearFit.of(buckets.rawOfi, buckets.midChangeBps);

        Random random = new Random(SEED);
        double shuffledR2 = 0;
        for (int i = 0; i < SHUFFLES; i++) {
            shuffledR2 += LinearFit.of(shuffled(buckets.ofi, random), buckets.midChangeBps).r2() / SHUFFLES;
        }
        System.out.printf("OFI fit %s %5d ms: n=%d beta=%.4f bps per unit OFI, R2=%.3f, shuffled R2=%.4f (x%.0f),"
                        + " R2 of the OFI before depth normalisation=%.3f%n",
                symbol, bucketMs, buckets.size(), fit.beta(), fit.r2(), shuffledR2, fit.r2() / shuffledR2, unnormalised.r2());

        assertThat(fit.beta()).isPositive();
        assertThat(fit.r2()).isGreaterThan(minR2);
        // measured: 14x to 172x
        assertThat(fit.r2()).isGreaterThan(8 * shuffledR2);
    }

    @Test
    void zRawAndZCvdPartInTheTails() throws Exception {
        double limit = config.winsorLimit();
        for (String symbol : RECORDINGS.keySet()) {
            List<CvdRow> rows = harvest.cvd().stream().filter(r -> r.symbol().equals(symbol)).toList();
            double[] raw = rows.stream().mapToDouble(r -> Math.abs(r.zRaw())).sorted().toArray();
            double[] clipped = rows.stream().mapToDouble(r -> Math.abs(r.zCvd())).sorted().toArray();
            long beyond = Arrays.stream(raw).filter(z -> z > limit).count();
            long floored = rows.stream().filter(CvdRow::floorUsed).count();
            System.out.printf("CVD tails %s: n=%d, |z_raw| > %.0f: %d, |z_raw| q99.9=%.2f max=%.2f,"
                            + " |z_cvd| q99.9=%.2f max=%.2f, floor used %d (%.2f %%)%n",
                    symbol, rows.size(), limit, beyond, quantile(raw, 0.999), raw[raw.length - 1],
                    quantile(clipped, 0.999), clipped[clipped.length - 1], floored, 100.0 * floored / rows.size());

            assertThat(beyond).as(symbol).isPositive();
            assertThat(clipped[clipped.length - 1]).as(symbol).isLessThanOrEqualTo(limit);
            assertThat(raw[raw.length - 1]).as(symbol).isGreaterThan(limit);
            assertThat(quantile(raw, 0.999)).as(symbol).isGreaterThan(quantile(clipped, 0.999));
            // below the winsor limit the two are the same number
            assertThat(rows).filteredOn(r -> Math.abs(r.zRaw()) <= limit)
                    .allSatisfy(r -> assertThat(r.zCvd()).isEqualTo(r.zRaw()));
            // the ops alert fires above 60 % floored rows; real flow must stay far below it
            assertThat((double) floored / rows.size()).as(symbol).isLessThan(0.6);
        }
    }

    /** Per bucket: the summed OFI rows of the job, and the mid change over the recording's own books. */
    private static Buckets buckets(String symbol, long bucketMs) throws Exception {
        TreeMap<Long, Double> ofi = new TreeMap<>();
        TreeMap<Long, Double> rawOfi = new TreeMap<>();
        harvest.query("SELECT epoch_ms(ts_ms), ofi_value, scale FROM read_parquet(FILES, hive_partitioning = true,"
                        + " union_by_name = true) WHERE kind = 'ofi' AND symbol = '" + symbol + "'",
                rs -> {
                    long bucket = Math.floorDiv(rs.getLong(1), bucketMs);
                    rawOfi.merge(bucket, rs.getDouble(2) * rs.getDouble(3), Double::sum);
                    return ofi.merge(bucket, rs.getDouble(2), Double::sum);
                });
        TreeMap<Long, Double> lastMid = new TreeMap<>();
        try (ReplayFeed feed = new ReplayFeed(
                Recording.hftbacktest(RECORDINGS.get(symbol)), MarketType.SPOT, config.bookLevels())) {
            while (feed.hasNext()) {
                MarketEvent event = feed.next();
                BookTop book = event.book();
                if (book != null && !Double.isNaN(book.mid())) {
                    lastMid.put(Math.floorDiv(book.eventTimeMs(), bucketMs), book.mid());
                }
            }
        }
        List<Long> kept = lastMid.keySet().stream().filter(b -> lastMid.containsKey(b - 1)).toList();
        return new Buckets(
                kept.stream().mapToDouble(b -> ofi.getOrDefault(b, 0.0)).toArray(),
                kept.stream().mapToDouble(b -> rawOfi.getOrDefault(b, 0.0)).toArray(),
                kept.stream().mapToDouble(b -> 1e4 * (lastMid.get(b) - lastMid.get(b - 1)) / lastMid.get(b - 1)).toArray());
    }

    /** Per bucket: Σ ofi_value, Σ ofi_value·scale (the OFI before normalisation), mid change in bps. */
    private record Buckets(double[] ofi, double[] rawOfi, double[] midChangeBps) {
        int size() {
            return ofi.length;
        }
    }

    private static double[] shuffled(double[] values, Random random) {
        double[] copy = values.clone();
        for (int i = copy.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return copy;
    }

    /** The q-quantile of sorted values, nearest rank. */
    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }
}
