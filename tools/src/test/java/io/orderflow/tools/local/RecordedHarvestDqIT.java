package io.orderflow.tools.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.server.ServerSettings;
import io.orderflow.server.StreamServer;
import io.orderflow.testkit.FreePorts;
import io.orderflow.testkit.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test recordings (real Binance spot traffic) replayed through the whole job into Parquet, as a
 * local run does, with its final data-quality report: a clean harvest fails no verdict, and every
 * warning and n/a says why. The same harvest, served by the stream server, runs the analysis
 * notebooks (notebooks/) unattended.
 */
class RecordedHarvestDqIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JUPYTER = Path.of("/usr/bin/jupyter");
    private static final List<String> NOTEBOOKS = List.of("ofi_price_impact.ipynb", "cvd_divergence.ipynb", "data_quality.ipynb");

    @TempDir
    static Path tmp;

    static Path reportFile;
    static JsonNode report;

    /** One harvest for both tests: the replay is most of their time. */
    @BeforeAll
    static void harvestTheRecordings() throws Exception {
        Path recordings = Path.of("core/src/test/resources/recordings/hftbacktest-spot").toAbsolutePath();
        OrderflowConfig config = OrderflowConfig.defaults()
                .with("REPLAY_FILES", recordings.resolve("btcusdt_20240808.gz") + "," + recordings.resolve("ethusdt_20240808.gz"))
                .with("SOURCE", "replay")
                .with("BINANCE_MARKET", "spot")
                .with("PIVOT_BARS", "1") // pivots within the recordings' 6 minutes, for the event study to show
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

        try (Stream<Path> files = Files.list(tmp.resolve("reports"))) {
            reportFile = files.filter(f -> f.toString().endsWith("_final.json")).findFirst().orElseThrow();
        }
        report = JSON.readTree(reportFile.toFile());
    }

    @Test
    void aCleanHarvestOfTheRecordingsFailsNothingAndSaysWhyOfEveryWarningAndNotApplicable() {
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

    @Test
    void theNotebooksRunUnattendedOverTheServedHarvestAndConcludeFromTheirOwnNumbers() throws Exception {
        if (!Files.isExecutable(JUPYTER)) {
            throw new AssertionError(JUPYTER + " is not installed: run .ci/run once (it installs Debian's"
                    + " jupyter-nbconvert, python3-nbclient, python3-ipykernel, python3-pandas, python3-matplotlib"
                    + " and python3-statsmodels)");
        }
        Path executed = tmp.resolve("executed");
        StreamServer server = new StreamServer(ServerSettings.defaults().withEndpoint("127.0.0.1", FreePorts.next())
                .withDataDir(tmp.resolve("data")).withStateDir(tmp.resolve("server-state")));
        server.start();
        try {
            Map<String, String> env = new HashMap<>();
            env.put("ORDERFLOW_URL", "http://127.0.0.1:" + server.port());
            env.put("SYMBOL", "BTCUSDT");
            env.put("DQ_REPORT", reportFile.toString());
            // Debian's interpreter and Jupyter, not another python3 earlier on the PATH
            env.put("PATH", "/usr/bin:" + System.getenv().getOrDefault("PATH", ""));
            env.put("PYTHONDONTWRITEBYTECODE", "1"); // no __pycache__ in the checkout's notebooks/
            env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1"); // ipykernel's debugger warning on every start
            // One process per notebook, side by side: most of each one's time is its kernel starting and
            // importing pandas, matplotlib and statsmodels, one after the other.
            List<Callable<Processes.Result>> runs = NOTEBOOKS.stream().<Callable<Processes.Result>>map(notebook -> () ->
                    Processes.run(Path.of("notebooks").toAbsolutePath(), env, Duration.ofMinutes(3), List.of(JUPYTER.toString(),
                            "nbconvert", "--to", "notebook", "--execute", "--output-dir", executed.toString(), notebook)))
                    .toList();
            ExecutorService pool = Executors.newFixedThreadPool(runs.size());
            try {
                for (Future<Processes.Result> run : pool.invokeAll(runs)) {
                    run.get().requireSuccess();
                }
            } finally {
                pool.shutdownNow();
            }
        } finally {
            server.close();
        }

        for (String notebook : NOTEBOOKS) {
            JsonNode cells = JSON.readTree(executed.resolve(notebook).toFile()).get("cells");
            assertThat(outputs(cells)).as(notebook).noneMatch(o -> o.get("output_type").asText().equals("error"));
            assertThat(outputs(cells)).as(notebook + " draws").anyMatch(o -> o.path("data").has("image/png"));
        }

        // OFI: every bucket size and regressor has a finite R², and the conclusions quote the 10 s one.
        JsonNode ofi = JSON.readTree(executed.resolve("ofi_price_impact.ipynb").toFile()).get("cells");
        List<Map<String, String>> table = printedTable(tagged(ofi, "regression-table"));
        assertThat(table).extracting(row -> row.get("bucket_s")).containsOnly("1", "10", "60").hasSize(9);
        assertThat(table).allSatisfy(row -> assertThat(Double.parseDouble(row.get("r2"))).as(row.toString()).isBetween(0.0, 1.0));
        double r2At10s = table.stream().filter(row -> row.get("bucket_s").equals("10") && row.get("regressor").equals("ofi_l1"))
                .mapToDouble(row -> Double.parseDouble(row.get("r2"))).findFirst().orElseThrow();
        assertThat(tagged(ofi, "conclusions"))
                .contains("R² = " + String.format(Locale.ROOT, "%.2f", r2At10s), "the paper's 0.65", "60 s: 6 buckets");

        // CVD: the event study counts the market events the data-quality report counted for the symbol.
        JsonNode cvd = JSON.readTree(executed.resolve("cvd_divergence.ipynb").toFile()).get("cells");
        long marketEvents = report.at("/symbols/BTCUSDT/signals/market_events").asLong();
        assertThat(marketEvents).isPositive();
        assertThat(tagged(cvd, "conclusions")).contains(marketEvents + " market events", "pivot_high", "+15 min");
        assertThat(printedTable(tagged(cvd, "event-study"))).extracting(row -> row.get("event_type"))
                .contains("(baseline)", "pivot_high");

        // Data quality: the verdict counts are the report's.
        Map<String, Long> states = StreamSupport.stream(report.at("/overall/verdicts").spliterator(), false)
                .collect(Collectors.groupingBy(v -> v.get("state").asText(), Collectors.counting()));
        report.get("symbols").forEach(symbol -> symbol.get("verdicts")
                .forEach(v -> states.merge(v.get("state").asText(), 1L, Long::sum)));
        JsonNode dq = JSON.readTree(executed.resolve("data_quality.ipynb").toFile()).get("cells");
        assertThat(tagged(dq, "conclusions")).contains(states.get("pass") + " verdicts pass, 0 fail",
                "BTCUSDT, ETHUSDT", "the receive clock is off the exchange's");
    }

    private static List<JsonNode> outputs(JsonNode cells) {
        List<JsonNode> outputs = new ArrayList<>();
        cells.forEach(cell -> cell.path("outputs").forEach(outputs::add));
        return outputs;
    }

    /** What the cell tagged {@code tag} printed. */
    private static String tagged(JsonNode cells, String tag) {
        for (JsonNode cell : cells) {
            for (JsonNode t : cell.at("/metadata/tags")) {
                if (t.asText().equals(tag)) {
                    StringBuilder text = new StringBuilder();
                    cell.path("outputs").forEach(o -> o.path("text").forEach(line -> text.append(line.asText())));
                    return text.toString();
                }
            }
        }
        throw new AssertionError("no cell tagged " + tag);
    }

    /** A table pandas printed without its index ({@code to_string(index=False)}): one map per row, by header. */
    private static List<Map<String, String>> printedTable(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        String[] header = lines.get(0).trim().split("\\s+");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.trim().split("\\s+");
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], values[i]);
            }
            rows.add(row);
        }
        return rows;
    }
}
