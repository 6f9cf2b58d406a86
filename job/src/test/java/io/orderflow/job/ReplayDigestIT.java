package io.orderflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.MarketNotice;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.testing.TestEnvironments;
import io.orderflow.testkit.Harvest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rows of every kind that the test recordings replay to, pinned by a digest of the sorted rows
 * ({@code replay-digests.properties}, made from the job as it was before the feed was reworked). A
 * change that moves any row of any kind fails here; a change that does so on purpose updates the
 * digest and says why in its commit.
 *
 * <p>Each kind's rows are read back with DuckDB through {@link Harvest}, in the columns that file
 * has always had (a column added later does not move the digest), rendered as records and sorted.
 * Rows of a kind of event added since are left out of the digest and checked on their own.
 */
class ReplayDigestIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestEnvironments.miniCluster();

    private static final String RECORDINGS = "core/src/test/resources/recordings/";

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "hftbacktest-spot; spot; hftbacktest-spot/btcusdt_20240808.gz,hftbacktest-spot/ethusdt_20240808.gz;"
                + " BTCUSDT,ETHUSDT",
        "cryptofeed-spot; spot; cryptofeed/BINANCE.ws.1.0; BLZETH,LRCBTC,NKNUSDT,RUNEEUR",
        "cryptofeed-usdm; usdm; cryptofeed/BINANCE_FUTURES.ws.1.0; AKROUSDT,CTKUSDT,KEEPUSDT,SUSHIUSDT"})
    void everyKindReplaysToTheRowsPinnedBeforeTheFeedRework(String name, String market, String files,
            String symbols) throws Exception {
        replay(market, files);
        Map<String, String> actual = digests(out);
        Properties pinned = new Properties();
        try (InputStream in = ReplayDigestIT.class.getResourceAsStream("/replay-digests.properties")) {
            pinned.load(in);
        }
        Map<String, String> expected = new TreeMap<>();
        actual.keySet().forEach(kind -> expected.put(kind, pinned.getProperty(name + "." + kind)));
        assertThat(actual).as("digests of %s (file line: %s.<kind>=<digest>)", name, name).isEqualTo(expected);
        try (Harvest harvest = new Harvest(out)) {
            List<String> summarised = harvest.events().stream()
                    .filter(e -> e.type().equals(MarketNotice.FEED_SUMMARY))
                    .map(MarketNotice::symbol)
                    .sorted()
                    .toList();
            assertThat(summarised).as("one feed_summary per symbol").containsExactly(symbols.split(","));
        }
    }

    private void replay(String market, String files) throws Exception {
        String paths = String.join(",", List.of(files.split(",")).stream().map(f -> RECORDINGS + f).toList());
        OrderflowConfig config = OrderflowConfig.load(new String[] {
            "--source", "replay", "--binance-market", market, "--replay-files", paths,
            "--output-dir", out.toString(), "--parquet-rotate-sec", "1"}, Map.of());
        StreamExecutionEnvironment env = TestEnvironments.create();
        new OrderflowJob(config, MarketSources.fromConfig(config), OrderflowJob.parquetSinks(config)).addTo(env);
        env.execute("replay digest");
    }

    /** Per kind: the row count and the SHA-256 of its rows, each rendered as a record, sorted. */
    static Map<String, String> digests(Path harvestDir) throws Exception {
        Map<String, String> digests = new TreeMap<>();
        try (Harvest harvest = new Harvest(harvestDir)) {
            digests.put("prices", digest(harvest.prices()));
            digests.put("ofi", digest(harvest.ofi().stream().map(OfiRow::new).toList()));
            digests.put("cvd", digest(harvest.cvd().stream().map(CvdRow::new).toList()));
            digests.put("klines", digest(harvest.klines()));
            digests.put("fusion", digest(harvest.fusion()));
            // feed_summary rows (one per symbol at the end of a replay) came with issue 10, on purpose.
            digests.put("events", digest(harvest.events().stream()
                    .filter(e -> !e.type().equals(MarketNotice.FEED_SUMMARY))
                    .toList()));
        }
        return digests;
    }

    /**
     * A {@code cvd} row in its columns from before it carried {@code agg_trade_id}: this copy of the
     * record as it was then renders the rows exactly as the pinned digests saw them.
     */
    private record CvdRow(long tsMs, String symbol, double cvd, double delta, double zRaw, double zCvd,
            double scale, double sigmaFloor, boolean floorUsed, String regime) {

        CvdRow(io.orderflow.core.model.CvdRow row) {
            this(row.tsMs(), row.symbol(), row.cvd(), row.delta(), row.zRaw(), row.zCvd(), row.scale(),
                    row.sigmaFloor(), row.floorUsed(), row.regime());
        }
    }

    /**
     * An {@code ofi} row in its columns from before it carried {@code best_bid}, {@code best_ask} and
     * {@code ofi_l1} (issue 15), for the same reason.
     */
    private record OfiRow(long tsMs, String symbol, double ofiValue, double ofiZ, double scale, String regime,
            double ofiEma, boolean warmup, boolean stdZero) {

        OfiRow(io.orderflow.core.model.OfiRow row) {
            this(row.tsMs(), row.symbol(), row.ofiValue(), row.ofiZ(), row.scale(), row.regime(), row.ofiEma(),
                    row.warmup(), row.stdZero());
        }
    }

    private static String digest(List<?> rows) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        rows.stream().map(Object::toString).sorted().forEach(row -> {
            sha.update(row.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        });
        return rows.size() + ":" + HexFormat.of().formatHex(sha.digest());
    }
}
