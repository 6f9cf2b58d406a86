package io.orderflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.market.MarketSimulator;
import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.model.PriceRow;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.sink.ParquetSinks;
import io.orderflow.job.source.market.EmbeddedMarketSource;
import io.orderflow.job.source.market.EmbeddedMarketSourceBuilder;
import io.orderflow.job.testing.SignalOracle;
import io.orderflow.job.testing.TestEnvironments;
import io.orderflow.testkit.Harvest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on a bounded embedded market, into real Parquet, read back with DuckDB and compared
 * value by value with what the pure signal classes compute from the same events.
 */
class OrderflowJobIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestEnvironments.miniCluster();

    static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT");
    /** 40 s before midnight UTC: the run spans two date partitions. */
    static final long START_MS = Instant.parse("2024-03-09T23:59:20Z").toEpochMilli();
    static final int EVENTS_PER_SYMBOL = 5_000;
    static final long SEED = 7;
    static final double RATE = 50;

    @TempDir
    static Path out;

    static OrderflowConfig config;
    static Harvest harvest;

    @BeforeAll
    static void runTheJob() throws Exception {
        config = OrderflowConfig.defaults()
                .with("OUTPUT_DIR", out.toString())
                .with("SYMBOLS", String.join(",", SYMBOLS))
                .with("PARQUET_ROTATE_SEC", "1")
                .with("OFI_LEVELS", "3")
                .with("OFI_WEIGHTS", "0.5,0.3,0.2")
                .with("OFI_WINDOW", "100")
                .with("CVD_WINDOW", "50")
                .with("WINSOR_LIMIT", "2.5");
        StreamExecutionEnvironment env = TestEnvironments.create();
        new OrderflowJob(config, source().build(), OrderflowJob.parquetSinks(config)).addTo(env);
        env.execute("orderflow IT");
        harvest = new Harvest(out);
    }

    @AfterAll
    static void closeHarvest() throws Exception {
        harvest.close();
    }

    static EmbeddedMarketSourceBuilder source() {
        return EmbeddedMarketSource.builder()
                .symbols(SYMBOLS)
                .seed(SEED)
                .eventsPerSecondPerSymbol(RATE)
                .bookLevels(config.bookLevels())
                .startTimeMs(START_MS)
                .maxEventsPerSymbol(EVENTS_PER_SYMBOL)
                .paced(false);
    }

    static List<MarketEvent> marketOf(String symbol) {
        MarketSimulator simulator = new MarketSimulator(symbol, SEED, START_MS, RATE, config.bookLevels());
        List<MarketEvent> events = new ArrayList<>();
        for (int i = 0; i < EVENTS_PER_SYMBOL; i++) {
            events.add(simulator.next());
        }
        return events;
    }

    @Test
    void ofiRowsAreWhatThePureFunctionsCompute() throws Exception {
        List<OfiRow> expected = SYMBOLS.stream().flatMap(s -> SignalOracle.ofi(marketOf(s), config).stream()).toList();
        assertThat(expected).hasSizeGreaterThan(2_000);
        assertThat(harvest.ofi()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void cvdRowsAreWhatThePureFunctionsCompute() throws Exception {
        List<CvdRow> expected = SYMBOLS.stream().flatMap(s -> SignalOracle.cvd(marketOf(s), config).stream()).toList();
        assertThat(expected).hasSizeGreaterThan(500);
        assertThat(harvest.cvd()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void priceRowsAreTheTradesWithLatencyAndRate() throws Exception {
        List<PriceRow> expected = SYMBOLS.stream().flatMap(s -> SignalOracle.prices(marketOf(s)).stream()).toList();
        assertThat(harvest.prices()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void partitionsAreDateSymbolKind() throws Exception {
        List<String> expected = new ArrayList<>();
        for (String date : List.of("2024-03-09", "2024-03-10")) {
            for (String symbol : SYMBOLS) {
                for (String kind : List.of("cvd", "fusion", "klines", "ofi", "prices")) {
                    expected.add("date=" + date + "/symbol=" + symbol + "/kind=" + kind);
                }
            }
        }
        assertThat(harvest.partitions()).containsExactlyElementsOf(expected);
        assertThat(harvest.inProgressFiles()).isZero();
    }

    @Test
    void dateColumnFollowsTheRowsEventTime() throws Exception {
        List<String> misplaced = harvest.query(
                "SELECT date, symbol, ts_ms FROM read_parquet(FILES, hive_partitioning = true)"
                        + " WHERE CAST(date AS VARCHAR) <> strftime(ts_ms AT TIME ZONE 'UTC', '%Y-%m-%d')",
                rs -> rs.getString(1) + " " + rs.getString(3));
        assertThat(misplaced).isEmpty();
    }

    @Test
    void columnsAndTypesAreTheContract() throws Exception {
        assertThat(describe("prices")).containsExactly(
                "ts_ms TIMESTAMP WITH TIME ZONE", "event_ts_ms TIMESTAMP WITH TIME ZONE", "symbol VARCHAR",
                "price DOUBLE", "qty DOUBLE", "agg_trade_id BIGINT", "latency_ms BIGINT", "recv_rate_tps DOUBLE");
        assertThat(describe("ofi")).containsExactly(
                "ts_ms TIMESTAMP WITH TIME ZONE", "symbol VARCHAR", "ofi_value DOUBLE", "ofi_z DOUBLE",
                "scale DOUBLE", "regime VARCHAR", "ofi_ema DOUBLE", "warmup BOOLEAN", "std_zero BOOLEAN",
                "best_bid DOUBLE", "best_ask DOUBLE", "ofi_l1 DOUBLE");
        assertThat(describe("cvd")).containsExactly(
                "ts_ms TIMESTAMP WITH TIME ZONE", "symbol VARCHAR", "agg_trade_id BIGINT", "cvd DOUBLE",
                "delta DOUBLE", "z_raw DOUBLE", "z_cvd DOUBLE", "scale DOUBLE", "sigma_floor DOUBLE",
                "floor_used BOOLEAN", "regime VARCHAR");
    }

    @Test
    void everyFooterCarriesTheConfigFingerprintAndTheSource() throws Exception {
        assertThat(footerValues(ParquetSinks.FINGERPRINT_KEY)).containsExactly(config.fingerprint());
        assertThat(footerValues(ParquetSinks.SOURCE_KEY)).containsExactly("embedded");
        for (String key : List.of(ParquetSinks.FINGERPRINT_KEY, ParquetSinks.SOURCE_KEY)) {
            List<Long> filesWithout = harvest.query(
                    "SELECT count(*) FROM (SELECT file_name FROM parquet_metadata(FILES) EXCEPT"
                            + " SELECT file_name FROM parquet_kv_metadata(FILES) WHERE decode(key) = '" + key + "')",
                    rs -> rs.getLong(1));
            assertThat(filesWithout).as(key).containsExactly(0L);
        }
    }

    private static List<String> footerValues(String key) throws Exception {
        return harvest.query("SELECT DISTINCT decode(value) FROM parquet_kv_metadata(FILES) WHERE decode(key) = '" + key + "'",
                rs -> rs.getString(1));
    }

    private static List<String> describe(String kind) throws Exception {
        return harvest.query("DESCRIBE SELECT * FROM read_parquet('" + out + "/*/*/kind=" + kind + "/*.parquet', hive_partitioning = false)",
                rs -> rs.getString(1) + " " + rs.getString(2));
    }
}
