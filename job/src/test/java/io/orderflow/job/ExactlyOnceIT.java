package io.orderflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.source.market.EmbeddedMarketSource;
import io.orderflow.job.source.market.EmbeddedMarketSourceBuilder;
import io.orderflow.job.testing.TestEnvironments;
import io.orderflow.testkit.Harvest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped with a savepoint midway and resumed from it writes exactly the rows of an
 * uninterrupted run: no duplicate, no gap, no torn file.
 */
class ExactlyOnceIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestEnvironments.miniCluster();

    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT");
    private static final long START_MS = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();
    private static final int EVENTS_PER_SYMBOL = 16_000;
    private static final double RATE = 50;
    /** Paced at 40× the simulated rate: 2,000 events/s per symbol, ~8 s a run, ~1 s per checkpoint. */
    private static final double SPEED = 40;

    @TempDir
    Path tmp;

    @Test
    void stopWithSavepointAndResumeWritesExactlyTheRowsOfAnUninterruptedRun() throws Exception {
        Path reference = tmp.resolve("uninterrupted");
        Path resumed = tmp.resolve("resumed");

        StreamExecutionEnvironment env = TestEnvironments.create();
        job(reference, source().paced(false)).addTo(env);
        env.execute("uninterrupted");

        StreamExecutionEnvironment first = TestEnvironments.create();
        job(resumed, source().paced(true).speed(SPEED)).addTo(first);
        JobClient client = first.executeAsync("first half");
        try (Harvest partial = new Harvest(resumed)) {
            Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> partial.committedFiles() > 0);
        }
        String savepoint = client.stopWithSavepoint(false, tmp.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES);

        try (Harvest half = new Harvest(resumed); Harvest whole = new Harvest(reference)) {
            assertThat(half.inProgressFiles()).isZero();
            assertThat(half.prices().size()).as("stopped midway").isPositive().isLessThan(whole.prices().size());
        }

        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        StreamExecutionEnvironment second = TestEnvironments.create(restore);
        job(resumed, source().paced(true).speed(SPEED)).addTo(second);
        second.execute("second half");

        try (Harvest expected = new Harvest(reference); Harvest actual = new Harvest(resumed)) {
            assertThat(actual.inProgressFiles()).isZero();
            assertNoDuplicates(expected.prices());
            assertThat(actual.prices()).containsExactlyInAnyOrderElementsOf(expected.prices());
            assertThat(actual.ofi()).containsExactlyInAnyOrderElementsOf(expected.ofi());
            assertThat(actual.cvd()).containsExactlyInAnyOrderElementsOf(expected.cvd());
            // bars, fusion ticks and events open across the savepoint continue from their restored state and timers
            assertThat(expected.fusion()).hasSizeGreaterThan(2 * 300);
            assertThat(actual.klines()).containsExactlyInAnyOrderElementsOf(expected.klines());
            assertThat(actual.fusion()).containsExactlyInAnyOrderElementsOf(expected.fusion());
            assertThat(actual.events()).containsExactlyInAnyOrderElementsOf(expected.events());
            assertThat(actual.prices()).hasSize(expected.prices().size());
        }
    }

    private static void assertNoDuplicates(List<?> rows) {
        assertThat(new HashSet<>(rows)).hasSameSizeAs(rows);
    }

    private static OrderflowJob job(Path out, EmbeddedMarketSourceBuilder source) {
        OrderflowConfig config = OrderflowConfig.defaults()
                .with("OUTPUT_DIR", out.toString())
                .with("SYMBOLS", String.join(",", SYMBOLS))
                .with("PARQUET_ROTATE_SEC", "1");
        return new OrderflowJob(config, source.build(), OrderflowJob.parquetSinks(config));
    }

    private static EmbeddedMarketSourceBuilder source() {
        return EmbeddedMarketSource.builder()
                .symbols(SYMBOLS)
                .seed(11)
                .eventsPerSecondPerSymbol(RATE)
                .startTimeMs(START_MS)
                .maxEventsPerSymbol(EVENTS_PER_SYMBOL);
    }
}
