package io.orderflow.tools.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test recordings (real Binance spot traffic) replayed through the whole job into Parquet, as a
 * local run does, with its final data-quality report: a clean harvest fails no verdict, and every
 * warning and n/a says why.
 */
class RecordedHarvestDqIT {

    @TempDir
    Path tmp;

    @Test
    void aCleanHarvestOfTheRecordingsFailsNothingAndSaysWhyOfEveryWarningAndNotApplicable() throws Exception {
        Path recordings = Path.of("core/src/test/resources/recordings/hftbacktest-spot").toAbsolutePath();
        OrderflowConfig config = OrderflowConfig.defaults()
                .with("REPLAY_FILES", recordings.resolve("btcusdt_20240808.gz") + "," + recordings.resolve("ethusdt_20240808.gz"))
                .with("SOURCE", "replay")
                .with("BINANCE_MARKET", "spot")
                .with("PARQUET_ROTATE_SEC", "1")
                .with("PREFLIGHT_MIN", "0")
                .with("DQ_EVERY_HOURS", "24") // no report during so short a run: only the final one
                .with("DQ_METRICS_PORT", "0")
                .with("SERVER_PORT", "0")
                .with("DQ_REPORT_DIR", tmp.resolve("reports").toString())
                .with("OUTPUT_DIR", tmp.resolve("data").toString())
                .with("STATE_DIR", tmp.resolve("state").toString())
                .with("WEB_UI_PORT", Integer.toString(FreePorts.next()));

        assertThat(new LocalDemo(config).run()).isZero();

        Path reportFile;
        try (Stream<Path> files = Files.list(tmp.resolve("reports"))) {
            reportFile = files.filter(f -> f.toString().endsWith("_final.json")).findFirst().orElseThrow();
        }
        JsonNode report = new ObjectMapper().readTree(reportFile.toFile());
        assertThat(report.get("symbols").fieldNames()).toIterable().containsExactlyInAnyOrder("BTCUSDT", "ETHUSDT");
        List<JsonNode> verdicts = new ArrayList<>();
        report.at("/overall/verdicts").forEach(verdicts::add);
        report.get("symbols").forEach(symbol -> symbol.get("verdicts").forEach(verdicts::add));
        assertThat(verdicts).as(report.toPrettyString()).extracting(v -> v.get("state").asText()).doesNotContain("fail");
        assertThat(verdicts).filteredOn(v -> !v.get("state").asText().equals("pass"))
                .allSatisfy(v -> assertThat(v.get("reason").asText()).isNotBlank());
        // A replay is not a live exchange, and its receive times are the recording's.
        assertThat(report.at("/overall/health/source_rows").fieldNames()).toIterable().containsExactly("replay");
        assertThat(verdicts).filteredOn(v -> v.get("name").asText().equals("live_source"))
                .allSatisfy(v -> assertThat(v.get("state").asText()).isEqualTo("warn"));
        for (String symbol : List.of("BTCUSDT", "ETHUSDT")) {
            JsonNode section = report.at("/symbols/" + symbol);
            assertThat(section.at("/coverage/rows_by_kind/prices").asLong()).as(symbol).isPositive();
            assertThat(section.at("/coverage/rows_by_kind/ofi").asLong()).as(symbol).isPositive();
            assertThat(section.at("/duplicates/duplicate_rows").asLong()).as(symbol).isZero();
        }
    }
}
