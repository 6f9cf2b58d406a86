package io.orderflow.tools.dq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.KlineRow;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.model.PriceRow;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.sink.RowKinds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dq command over small harvests written with the job's own Parquet writer: every defect of
 * issue 12 injected once and counted exactly, a clean harvest that fails nothing, and bad input.
 */
class DqCommandTest {

    private static final long T0 = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
    private static final long DAY_MS = 86_400_000L;
    private static final Instant NOW = Instant.ofEpochMilli(T0).plusSeconds(3_600);
    private static final OrderflowConfig CONFIG = OrderflowConfig.defaults();
    private static final OrderflowConfig OTHER_CONFIG = CONFIG.with("OFI_EMA_ALPHA", "0.2");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Test
    void aHarvestWithEachDefectInjectedOnceCountsEveryOneExactlyAndFailsItsVerdicts() throws Exception {
        HarvestWriter harvest = new HarvestWriter(dir.resolve("data"));
        // BTCUSDT: a trade every 10 s for 10 minutes, minute 4 silent (54 trades); ids jump by 5 after
        // the 30th trade; three trades 500 ms late; two trades written again by another configuration.
        List<PriceRow> btc = new ArrayList<>();
        List<CvdRow> cvd = new ArrayList<>();
        for (int k = 0, i = 0; k < 60; k++) {
            if (k >= 24 && k < 30) {
                continue;
            }
            long ts = T0 + k * 10_000L;
            long id = 1_000 + i + (i >= 30 ? 5 : 0);
            long latency = (i == 5 || i == 15 || i == 45) ? 500 : 10;
            btc.add(new PriceRow(ts, ts, "BTCUSDT", 60_000, 0.1, id, latency, 0.1));
            double zRaw = i == 20 ? 12 : i == 21 ? -9 : 0.1 * (i % 10);
            cvd.add(new CvdRow(ts, "BTCUSDT", id, i, 0.1, zRaw, Math.max(-8, Math.min(8, zRaw)), 1, 0.5, false, "normal"));
            i++;
        }
        harvest.write(RowKinds.PRICES, CONFIG, null, btc);
        harvest.write(RowKinds.PRICES, OTHER_CONFIG, null, List.of(btc.get(10), btc.get(11)));
        harvest.write(RowKinds.CVD, CONFIG, null, cvd);
        harvest.write(RowKinds.OFI, CONFIG, null, books("BTCUSDT", 60));
        harvest.write(RowKinds.KLINES, CONFIG, null, List.of(
                bar(0, 100, 101, 99, 100.5), bar(1, 100, 101, 99, 100.5), bar(2, 100, 101, 99, 100.5),
                bar(3, 100, 101, 99, 100.5), bar(5, 100, 101, 99, 102), bar(0, 100, 101, 99, 100.5)));
        harvest.write(RowKinds.EVENTS, CONFIG, null, List.of(
                event("book_resync", 1), event("data_gap", 2), event("late_trade", 3), event("late_trade", 4),
                event("pivot_high", 5), event("pivot_high", 6), event("pivot_high", 7), event("ws_reconnect", 8)));
        inProgress(harvest.partition(RowKinds.PRICES, btc.get(0)), 123, NOW.minusSeconds(600));
        inProgress(harvest.partition(RowKinds.PRICES, btc.get(0)), 77, NOW.minusSeconds(60)); // younger than 3 intervals
        inProgress(dir.resolve("data/_staging/prices/date=2026-03-02/hour=10"), 45, NOW.minusSeconds(600)); // staged
        // ETHUSDT: a trade every 30 s for 10 minutes, 20 ms late, and no book at all.
        List<PriceRow> eth = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            eth.add(new PriceRow(T0 + k * 30_000L, T0 + k * 30_000L, "ETHUSDT", 3_000, 1, k + 1, 20, 0.03));
        }
        harvest.write(RowKinds.PRICES, CONFIG, null, eth);

        assertThat(run()).isEqualTo(DqCommand.FAILED);
        JsonNode report = report();

        JsonNode btcSection = report.at("/symbols/BTCUSDT");
        assertThat(btcSection.at("/coverage/first_event_time").asText()).isEqualTo("2026-03-02T10:00:00Z");
        assertThat(btcSection.at("/coverage/last_event_time").asText()).isEqualTo("2026-03-02T10:09:50Z");
        assertThat(btcSection.at("/coverage/minutes_spanned").asLong()).isEqualTo(10);
        assertThat(btcSection.at("/coverage/rows_by_kind/prices").asLong()).isEqualTo(56);
        assertThat(btcSection.at("/coverage/rows_by_kind/ofi").asLong()).isEqualTo(60);
        assertThat(btcSection.at("/coverage/empty_minutes_trades/count").asLong()).isEqualTo(1);
        assertThat(btcSection.at("/coverage/empty_minutes_trades/rate").asDouble()).isEqualTo(0.1);
        assertThat(btcSection.at("/coverage/empty_minutes_trades/longest_run_minutes").asLong()).isEqualTo(1);
        assertThat(btcSection.at("/coverage/empty_minutes_trades/longest_run_start").asText())
                .isEqualTo("2026-03-02T10:04:00Z");
        assertThat(btcSection.at("/coverage/empty_minutes_books/count").asLong()).isZero();
        assertThat(btcSection.at("/duplicates/duplicate_rows").asLong()).isEqualTo(2);
        assertThat(btcSection.at("/duplicates/duplicate_rate").asDouble()).isEqualTo(2 / 56.0);
        assertThat(btcSection.at("/duplicates/missing_trade_ids").asLong()).isEqualTo(5);
        assertThat(btcSection.at("/duplicates/largest_id_gaps/0/after_id").asLong()).isEqualTo(1_029);
        assertThat(btcSection.at("/duplicates/largest_id_gaps/0/before_id").asLong()).isEqualTo(1_035);
        assertThat(btcSection.at("/duplicates/largest_id_gaps/0/missing").asLong()).isEqualTo(5);
        assertThat(btcSection.at("/duplicates/largest_id_gaps").size()).isEqualTo(1);
        assertThat(btcSection.at("/latency/p50_ms").asLong()).isEqualTo(10);
        assertThat(btcSection.at("/latency/p99_ms").asLong()).isEqualTo(500);
        assertThat(btcSection.at("/latency/max_ms").asLong()).isEqualTo(500);
        assertThat(btcSection.at("/latency/clock_skew/detected").asBoolean()).isFalse();
        assertThat(btcSection.at("/signals/cvd/winsor_limit").asDouble()).isEqualTo(8);
        assertThat(btcSection.at("/signals/cvd/rows_beyond_limit").asLong()).isEqualTo(2);
        assertThat(btcSection.at("/signals/cvd/z_raw_abs/max").asDouble()).isEqualTo(12);
        assertThat(btcSection.at("/signals/cvd/z_cvd_abs/max").asDouble()).isEqualTo(8);
        assertThat(btcSection.at("/signals/cvd/floor_used_share").asDouble()).isZero();
        assertThat(btcSection.at("/signals/cvd/diagnostic_columns/sigma_floor/non_null_share").asDouble()).isEqualTo(1);
        assertThat(btcSection.at("/signals/events_by_type/pivot_high").asLong()).isEqualTo(3);
        assertThat(btcSection.at("/signals/market_events").asLong()).isEqualTo(3);
        assertThat(btcSection.at("/health/book_resync").asLong()).isEqualTo(1);
        assertThat(btcSection.at("/health/data_gap").asLong()).isEqualTo(1);
        assertThat(btcSection.at("/health/late_trade").asLong()).isEqualTo(2);
        assertThat(btcSection.at("/health/book_unsynced").asLong()).isZero();
        assertThat(btcSection.at("/health/ws_reconnect").asLong()).isEqualTo(1);
        assertThat(btcSection.at("/health/klines/high_below_open_or_close").asLong()).isEqualTo(1);
        assertThat(btcSection.at("/health/klines/duplicate_bars").asLong()).isEqualTo(1);
        assertThat(btcSection.at("/health/klines/low_above_open_or_close").asLong()).isZero();

        JsonNode ethSection = report.at("/symbols/ETHUSDT");
        assertThat(ethSection.at("/coverage/empty_minutes_books/count").asLong()).isEqualTo(10);
        assertThat(ethSection.at("/coverage/empty_minutes_books/longest_run_start").asText())
                .isEqualTo("2026-03-02T10:00:00Z");
        assertThat(ethSection.at("/coverage/empty_minutes_trades/count").asLong()).isZero();
        assertThat(states(ethSection)).containsEntry("books_and_trades", "fail");

        JsonNode overall = report.at("/overall");
        assertThat(overall.at("/coverage/empty_minutes_trades/rate").asDouble()).isEqualTo(1 / 20.0);
        assertThat(overall.at("/coverage/empty_minutes_books/rate").asDouble()).isEqualTo(10 / 20.0);
        assertThat(overall.at("/coverage/empty_minutes_books/longest_run_symbol").asText()).isEqualTo("ETHUSDT");
        assertThat(overall.at("/duplicates/duplicate_rows").asLong()).isEqualTo(2);
        assertThat(overall.at("/duplicates/price_rows").asLong()).isEqualTo(76);
        assertThat(overall.at("/latency/p99_ms").asLong()).isEqualTo(500);
        JsonNode fingerprints = report.at("/harvest/config_fingerprints");
        assertThat(report.at("/harvest/multiple_fingerprints").asBoolean()).isTrue();
        Map<String, Long> rowsByFingerprint = new HashMap<>();
        fingerprints.forEach(f -> rowsByFingerprint.put(f.get("fingerprint").asText(), f.get("rows").asLong()));
        assertThat(rowsByFingerprint).containsExactlyInAnyOrderEntriesOf(Map.of(
                CONFIG.fingerprint(), 54L + 54 + 60 + 6 + 8 + 20,
                OTHER_CONFIG.fingerprint(), 2L));
        JsonNode orphaned = report.at("/harvest/orphaned_inprogress_files");
        assertThat(orphaned.size()).isEqualTo(2);
        assertThat(orphaned.at("/0/path").asText()).contains("/_staging/prices/date=2026-03-02/hour=10/.part-");
        assertThat(orphaned.at("/0/size_bytes").asLong()).isEqualTo(45);
        assertThat(orphaned.at("/1/age_sec").asLong()).isEqualTo(600);
        assertThat(orphaned.at("/1/size_bytes").asLong()).isEqualTo(123);

        assertThat(states(overall)).containsAllEntriesOf(Map.of(
                "trades_empty_minute_rate", "fail",
                "books_empty_minute_rate", "fail",
                "duplicate_rate", "fail",
                "latency_p99_ms", "fail",
                "latency_p50_ms", "pass",
                "cvd_tail_separation", "pass",
                "cvd_diagnostic_columns", "pass",
                "klines_sane", "fail",
                "books_and_trades", "fail",
                "single_config_fingerprint", "fail"));
        assertThat(states(overall)).containsEntry("no_orphaned_inprogress_files", "fail");
        assertThat(out()).startsWith("dq: 2 symbols").contains("FAIL duplicate_rate").endsWith("dq: 14 verdicts fail\n");
        assertThat(out()).contains("FAIL no_orphaned_inprogress_files = 2 (= 0): 2 in-progress files (168 bytes) older than"
                + " 3 checkpoint intervals (180 s): a task manager died before committing them; ./jobs/orphans.sh removes"
                + " them once no job can commit them");
        assertThat(Files.readString(dir.resolve("reports/dq_20260302_1100.html")))
                .contains("<dt>orphaned in-progress files</dt><dd>2 files, 168 bytes (./jobs/orphans.sh removes them");
    }

    @Test
    void theGeneratedHarvestIsHealthyAndCountedRowForRow() throws Exception {
        HarvestGenerator generator = new HarvestGenerator(dir.resolve("data"), 2);
        for (String symbol : List.of("BTCUSDT", "ETHUSDT")) {
            generator.symbol(symbol, T0, 120);
        }

        assertThat(run()).isEqualTo(DqCommand.OK);
        JsonNode overall = report().get("overall");

        assertThat(overall.at("/coverage/rows_by_kind/prices").asLong()).isEqualTo(2 * 120 * 60 * 2);
        assertThat(overall.at("/coverage/rows_by_kind/ofi").asLong()).isEqualTo(2 * 120 * 60 * 10);
        assertThat(overall.at("/coverage/empty_minutes_trades/count").asLong()).isZero();
        assertThat(overall.at("/duplicates/duplicate_rows").asLong()).isZero();
        assertThat(overall.at("/duplicates/missing_trade_ids").asLong()).isZero();
        assertThat(overall.at("/signals/events_by_type/pivot_high").asLong()).isEqualTo(2 * 15); // minutes 0, 8, ..., 112
        assertThat(states(overall)).containsAllEntriesOf(Map.of(
                "events_per_72h", "pass", "live_source", "pass", "klines_sane", "pass"));
    }

    @Test
    void aCleanHarvestFailsNothingAndEveryWarningOrNotApplicableVerdictSaysWhy() throws Exception {
        HarvestWriter harvest = new HarvestWriter(dir.resolve("data"));
        for (String symbol : List.of("BTCUSDT", "ETHUSDT")) {
            List<PriceRow> trades = new ArrayList<>();
            List<CvdRow> cvd = new ArrayList<>();
            for (int k = 0; k < 60; k++) {
                long ts = T0 + k * 10_000L;
                trades.add(new PriceRow(ts, ts, symbol, 100, 1, k, 5 + k % 3, 0.1));
                cvd.add(new CvdRow(ts, symbol, k, k, 1, 0.5, 0.5, 1, 0.5, k % 4 == 0, "normal"));
            }
            harvest.write(RowKinds.PRICES, CONFIG, null, trades);
            harvest.write(RowKinds.CVD, CONFIG, null, cvd);
            harvest.write(RowKinds.OFI, CONFIG, null, books(symbol, 60));
        }

        assertThat(run()).isEqualTo(DqCommand.OK);
        JsonNode report = report();

        assertThat(report.get("schema_version").asInt()).isEqualTo(1);
        assertThat(report.at("/winsor_limit/source").asText()).isEqualTo("footer");
        assertThat(report.at("/overall/duplicates/duplicate_rows").asLong()).isZero();
        assertThat(report.at("/overall/duplicates/missing_trade_ids").asLong()).isZero();
        assertThat(report.at("/overall/signals/cvd/floor_used_share").asDouble()).isEqualTo(0.25);
        List<JsonNode> verdicts = new ArrayList<>();
        report.at("/overall/verdicts").forEach(verdicts::add);
        report.get("symbols").forEach(symbol -> symbol.get("verdicts").forEach(verdicts::add));
        assertThat(verdicts).extracting(v -> v.get("state").asText()).doesNotContain("fail");
        assertThat(verdicts).filteredOn(v -> !v.get("state").asText().equals("pass"))
                .allSatisfy(v -> assertThat(v.get("reason").asText()).isNotBlank());
        assertThat(states(report.get("overall"))).containsAllEntriesOf(Map.of(
                "live_source", "n/a",
                "events_per_72h", "n/a",
                "cvd_tail_separation", "n/a",
                "klines_sane", "n/a",
                "single_config_fingerprint", "pass",
                "no_orphaned_inprogress_files", "pass"));
        assertThat(reason(report.get("overall"), "live_source")).isEqualTo("files do not record their source");
        assertThat(reason(report.get("overall"), "events_per_72h")).startsWith("run too short to judge an event rate");
        assertThat(out()).endsWith("dq: no verdict fails\n");
    }

    @Test
    void aReplayedRecordingWarnsOfItsSourceAndItsClockSkewMakesTheLatencyVerdictsNotApplicable() throws Exception {
        HarvestWriter harvest = new HarvestWriter(dir.resolve("data"));
        List<PriceRow> trades = new ArrayList<>();
        for (int k = 0; k < 30; k++) {
            long ts = T0 + k * 20_000L;
            trades.add(new PriceRow(ts, ts, "BTCUSDT", 100, 1, k, -1_270, 0.05));
        }
        harvest.write(RowKinds.PRICES, CONFIG, "replay", trades);
        harvest.write(RowKinds.OFI, CONFIG, "replay", books("BTCUSDT", 60));

        assertThat(run()).isEqualTo(DqCommand.OK);
        JsonNode overall = report().get("overall");

        assertThat(overall.at("/latency/clock_skew/detected").asBoolean()).isTrue();
        assertThat(overall.at("/latency/clock_skew/rows_beyond").asLong()).isEqualTo(30);
        assertThat(overall.at("/latency/abs_drift_p99_ms").asLong()).isEqualTo(1_270);
        assertThat(states(overall)).containsEntry("latency_p99_ms", "n/a").containsEntry("latency_p50_ms", "n/a")
                .containsEntry("live_source", "warn");
        assertThat(reason(overall, "latency_p99_ms")).startsWith("clock skew: 30 trades");
        assertThat(reason(overall, "live_source")).isEqualTo("not from a live exchange: replay");
        assertThat(overall.at("/health/source_rows/replay").asLong()).isEqualTo(90);
    }

    @Test
    void thePreflightJudgesOnlyWhatWasCommittedSinceTheRunStarted() throws Exception {
        HarvestWriter harvest = new HarvestWriter(dir.resolve("data"));
        // Before the run: a file full of duplicates, which the preflight must not see.
        Path before = harvest.write(RowKinds.PRICES, CONFIG, null, List.of(
                new PriceRow(T0 - 60_000, T0 - 60_000, "BTCUSDT", 100, 1, 1, 5, 1),
                new PriceRow(T0 - 60_000, T0 - 60_000, "BTCUSDT", 100, 1, 1, 5, 1)));
        Files.setLastModifiedTime(before, FileTime.from(NOW.minusSeconds(7_200)));
        // BTCUSDT: 1,000 trades, 3 of them again (0.3 % > 0.2 %), 10 ms late; 3 reconnects.
        // ETHUSDT: 200 trades, 5 of them 500 ms late (p99 of the drift 500 ms); 4 reconnects.
        List<PriceRow> btc = new ArrayList<>();
        for (int k = 0; k < 1_000; k++) {
            btc.add(new PriceRow(T0 + k * 100L, T0 + k * 100L - 10, "BTCUSDT", 100, 1, 10 + k, 10, 1));
        }
        btc.addAll(btc.subList(0, 3));
        List<PriceRow> eth = new ArrayList<>();
        for (int k = 0; k < 200; k++) {
            long latency = k % 40 == 0 ? 500 : 10;
            eth.add(new PriceRow(T0 + k * 500L, T0 + k * 500L - latency, "ETHUSDT", 10, 1, k, latency, 1));
        }
        harvest.write(RowKinds.PRICES, CONFIG, "binance", btc);
        harvest.write(RowKinds.PRICES, CONFIG, "binance", eth);
        for (String symbol : List.of("BTCUSDT", "ETHUSDT")) {
            harvest.write(RowKinds.CVD, CONFIG, "binance", List.of(
                    new CvdRow(T0, symbol, 1, 1, 1, 0.5, 0.5, 1, 0.5, false, "normal")));
        }
        harvest.write(RowKinds.EVENTS, CONFIG, "binance", List.of(event("ws_reconnect", 1), event("ws_reconnect", 2),
                event("ws_reconnect", 3)));
        harvest.write(RowKinds.EVENTS, CONFIG, "binance", List.of(ethEvent(1), ethEvent(2), ethEvent(3), ethEvent(4)));
        // A cvd file with the columns of another kind.
        Path misfit = harvest.write(RowKinds.OFI, CONFIG, "binance", books("ETHUSDT", 2));
        Path cvdDir = harvest.partition(RowKinds.CVD, new CvdRow(T0, "ETHUSDT", 1, 1, 1, 0, 0, 1, 0, false, "normal"));
        Files.move(misfit, cvdDir.resolve(misfit.getFileName()));

        int status = run("--kind", "preflight", "--since", NOW.minusSeconds(3_600).toString());
        assertThat(status).as(err()).isEqualTo(DqCommand.FAILED);
        JsonNode report = report("dq_20260302_1100_preflight.json");

        assertThat(report.get("kind").asText()).isEqualTo("preflight");
        assertThat(report.at("/range/committed_since").asText()).isEqualTo("2026-03-02T10:00:00Z");
        assertThat(report.at("/symbols/BTCUSDT/duplicates/duplicate_rows").asLong()).as("the older file is not read").isEqualTo(3);
        assertThat(states(report.at("/symbols/BTCUSDT"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "preflight_duplicate_rate", "fail", "preflight_drift_p99_ms", "pass", "preflight_reconnects", "pass"));
        assertThat(states(report.at("/symbols/ETHUSDT"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "preflight_duplicate_rate", "pass", "preflight_drift_p99_ms", "fail", "preflight_reconnects", "fail"));
        assertThat(report.at("/symbols/ETHUSDT/latency/abs_drift_p99_ms").asLong()).isEqualTo(500);
        // Over all 1,203 trades, ETHUSDT's 5 late ones are under 1 %.
        assertThat(states(report.get("overall"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "preflight_duplicate_rate", "fail", "preflight_drift_p99_ms", "pass", "preflight_reconnects", "fail",
                "preflight_prices_committed", "pass", "preflight_cvd_committed", "fail"));
        assertThat(reason(report.get("overall"), "preflight_cvd_committed")).isEqualTo("1 of 3 cvd files lack columns or have others");
        assertThat(reason(report.get("overall"), "preflight_reconnects")).startsWith("a reconnect storm: 4 WebSocket reconnects");
    }

    @Test
    void aPreflightOfARunThatCommittedNothingIsAFailingReportNotBadInput() throws Exception {
        int status = run("--kind", "preflight", "--symbols", "BTCUSDT");
        assertThat(status).as(err()).isEqualTo(DqCommand.FAILED);
        JsonNode report = report("dq_20260302_1100_preflight.json");

        assertThat(states(report.get("overall"))).containsEntry("preflight_prices_committed", "fail")
                .containsEntry("preflight_cvd_committed", "fail");
        assertThat(reason(report.get("overall"), "preflight_prices_committed"))
                .isEqualTo("no prices file committed in the preflight's window");
        assertThat(reason(report.at("/symbols/BTCUSDT"), "preflight_duplicate_rate")).isEqualTo("no trades committed yet");
    }

    @Test
    void aRangeReadsItsOwnDaysAndSymbolsOnly() throws Exception {
        HarvestWriter harvest = new HarvestWriter(dir.resolve("data"));
        for (String symbol : List.of("BTCUSDT", "ETHUSDT")) {
            for (long start : List.of(T0 - DAY_MS, T0)) {
                List<PriceRow> trades = new ArrayList<>();
                for (int k = 0; k < 60; k++) {
                    trades.add(new PriceRow(start + k * 10_000L, start + k * 10_000L, symbol, 100, 1, start / 1_000 + k, 5, 0.1));
                }
                harvest.write(RowKinds.PRICES, CONFIG, null, trades);
                harvest.write(RowKinds.OFI, CONFIG, null, books(symbol, start, 60));
            }
        }

        assertThat(run("--from", "2026-03-02", "--symbols", "BTCUSDT")).isEqualTo(DqCommand.OK);
        JsonNode report = report();

        assertThat(report.get("symbols").fieldNames()).toIterable().containsExactly("BTCUSDT");
        JsonNode overall = report.get("overall");
        assertThat(overall.at("/coverage/first_event_time").asText()).isEqualTo("2026-03-02T10:00:00Z");
        assertThat(overall.at("/coverage/rows_by_kind/prices").asLong()).isEqualTo(60);
        assertThat(overall.at("/coverage/rows_by_kind/ofi").asLong()).isEqualTo(60);
        assertThat(overall.at("/duplicates/price_rows").asLong()).isEqualTo(60);
        assertThat(overall.at("/duplicates/missing_trade_ids").asLong()).isZero();
        assertThat(report.at("/harvest/config_fingerprints/0/files").asLong()).isEqualTo(2);
    }

    @Test
    void cvdFilesWrittenBeforeTheDiagnosticColumnsAreReadWithTheNewerOnes() throws Exception {
        HarvestWriter harvest = new HarvestWriter(dir.resolve("data"));
        List<PriceRow> trades = new ArrayList<>();
        List<CvdRow> cvd = new ArrayList<>();
        for (int k = 0; k < 60; k++) {
            trades.add(new PriceRow(T0 + k * 10_000L, T0 + k * 10_000L, "BTCUSDT", 100, 1, k, 5, 0.1));
            cvd.add(new CvdRow(T0 + k * 10_000L, "BTCUSDT", k, k, 1, 0.5, 0.5, 1, 0.5, false, "normal"));
        }
        harvest.write(RowKinds.PRICES, CONFIG, null, trades);
        harvest.write(RowKinds.OFI, CONFIG, null, books("BTCUSDT", 60));
        harvest.write(RowKinds.CVD, CONFIG, null, cvd);
        // A day earlier, 20 rows without scale, sigma_floor and floor_used: the first file read has fewer columns.
        Path old = dir.resolve("data/date=2026-03-01/symbol=BTCUSDT/kind=cvd/part-old-0.parquet");
        Files.createDirectories(old.getParent());
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement()) {
            sql.execute("COPY (SELECT to_timestamp(" + (T0 - DAY_MS) / 1_000 + " + i * 10) AS ts_ms, 'BTCUSDT' AS symbol,"
                    + " i AS agg_trade_id, i::DOUBLE AS cvd, 1.0 AS delta, 0.5 AS z_raw, 0.5 AS z_cvd, 'normal' AS regime"
                    + " FROM range(20) AS t(i)) TO '" + old + "' (FORMAT parquet)");
        }

        assertThat(run()).isEqualTo(DqCommand.FAILED); // cvd_diagnostic_columns: a quarter of the rows lack them
        JsonNode signals = report().at("/overall/signals/cvd");

        assertThat(signals.get("rows").asLong()).isEqualTo(80);
        for (String column : HarvestScan.DIAGNOSTIC_COLUMNS) {
            assertThat(signals.at("/diagnostic_columns/" + column + "/present").asBoolean()).isTrue();
            assertThat(signals.at("/diagnostic_columns/" + column + "/non_null_share").asDouble()).isEqualTo(0.75);
        }
    }

    @Test
    void noDataDirectoryIsBadInputWithAMessage() throws Exception {
        assertThat(run()).isEqualTo(DqCommand.BAD_INPUT);
        assertThat(err()).isEqualTo("dq: no data directory " + dir.resolve("data") + " (--data DIR)\n");
    }

    @Test
    void aDirectoryWithoutParquetInTheRangeIsBadInput() throws Exception {
        new HarvestWriter(dir.resolve("data")).write(RowKinds.OFI, CONFIG, null, books("BTCUSDT", 6));

        assertThat(run("--symbols", "ETHUSDT")).isEqualTo(DqCommand.BAD_INPUT);
        assertThat(err()).isEqualTo("dq: no committed Parquet file under " + dir.resolve("data") + " for ETHUSDT\n");
    }

    @Test
    void anUnreadableFileIsBadInputWithOneLineAndNoStackTrace() throws Exception {
        Path bad = dir.resolve("data/date=2026-03-02/symbol=BTCUSDT/kind=prices/part-x-0.parquet");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, "not parquet");

        assertThat(run()).isEqualTo(DqCommand.BAD_INPUT);
        assertThat(err()).startsWith("dq: cannot read the Parquet under ").doesNotContain("\tat ");
        assertThat(err().lines()).hasSize(1);
    }

    @Test
    void aBadFlagOrValueIsBadInputNamingTheFlag() {
        assertThat(DqCommand.run(new String[] {"--max-duplicate-rate", "lots"}, clock(), print(stdout), print(stderr)))
                .isEqualTo(DqCommand.BAD_INPUT);
        assertThat(err()).contains("--max-duplicate-rate 'lots' is not a number");
        stderr.reset();
        assertThat(DqCommand.run(new String[] {"--form", "2026-03-02"}, clock(), print(stdout), print(stderr)))
                .isEqualTo(DqCommand.BAD_INPUT);
        assertThat(err()).contains("unknown flag --form");
    }

    private static List<OfiRow> books(String symbol, int count) {
        return books(symbol, T0, count);
    }

    private static List<OfiRow> books(String symbol, long start, int count) {
        List<OfiRow> rows = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            rows.add(new OfiRow(start + k * 10_000L, symbol, 0.1, 0.2, 3, "normal", 0.05, false, false, 99.5, 100.5,
                    0.3));
        }
        return rows;
    }

    private static KlineRow bar(int minute, double open, double high, double low, double close) {
        return new KlineRow(T0 + minute * 60_000L, "BTCUSDT", "1m", open, high, low, close, 1, 100, 0.5, 6, 100);
    }

    /** A hidden in-progress file in {@code partition}, named as FileSink names them, last modified at {@code modified}. */
    private static void inProgress(Path partition, int bytes, Instant modified) throws Exception {
        Path file = partition.resolve(".part-" + UUID.randomUUID() + "-1.parquet.inprogress." + UUID.randomUUID());
        Files.createDirectories(partition);
        Files.write(file, new byte[bytes]);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    private static MarketNotice event(String type, int second) {
        return new MarketNotice("BTCUSDT", T0 + second * 1_000L, type, "{}");
    }

    private static MarketNotice ethEvent(int second) {
        return new MarketNotice("ETHUSDT", T0 + second * 1_000L, "ws_reconnect", "{}");
    }

    private int run(String... flags) {
        List<String> args = new ArrayList<>(List.of("--data", dir.resolve("data").toString(),
                "--out", dir.resolve("reports").toString()));
        args.addAll(List.of(flags));
        return DqCommand.run(args.toArray(String[]::new), clock(), print(stdout), print(stderr));
    }

    private static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    private JsonNode report() throws Exception {
        return report("dq_20260302_1100.json");
    }

    private JsonNode report(String name) throws Exception {
        Path file = dir.resolve("reports").resolve(name);
        assertThat(file).exists();
        try (Stream<Path> files = Files.list(dir.resolve("reports"))) {
            assertThat(files).map(f -> f.getFileName().toString())
                    .containsExactlyInAnyOrder(name, name.replace(".json", ".html"));
        }
        return new ObjectMapper().readTree(file.toFile());
    }

    private static Map<String, String> states(JsonNode section) {
        Map<String, String> states = new HashMap<>();
        section.get("verdicts").forEach(v -> states.put(v.get("name").asText(), v.get("state").asText()));
        return states;
    }

    private static String reason(JsonNode section, String verdict) {
        for (JsonNode v : section.get("verdicts")) {
            if (v.get("name").asText().equals(verdict)) {
                return v.get("reason").asText();
            }
        }
        throw new AssertionError("no verdict " + verdict);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
