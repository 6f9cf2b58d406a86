package io.orderflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.MarketNotice;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.util.OptionalFailure;
import org.junit.jupiter.api.Test;

class FeedReportsTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void everySymbolWithBooksEndsTheRunWell() {
        FeedReports reports = FeedReports.of(result(
                MarketNotice.feedSummary("BTCUSDT", 1, "\"messages\":10,\"trades\":4,\"books\":5,\"gaps\":0,"
                        + "\"resyncs\":0,\"ticker_checks\":3,\"ticker_mismatches\":0,\"unsupported\":1,\"malformed\":0"),
                // unsynced for a while, but it had books: reported, not fatal
                MarketNotice.bookUnsynced("BTCUSDT", 1, "no_snapshot", "\"books\":5")));

        assertThat(reports.report(out, false)).isZero();
        assertThat(reports.neverSynced()).isEmpty();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("BTCUSDT", "        10         4         5      0       0    0/3              1         0");
    }

    @Test
    void aSymbolThatNeverHadABookEndsTheRunWithStatusThreeUnlessAllowed() {
        FeedReports reports = FeedReports.of(result(
                MarketNotice.bookUnsynced("ETHUSDT", 1, "snapshot_not_bridged", "\"books\":0"),
                MarketNotice.bookUnsynced("SOLUSDT", 1, "depth_unusable", "\"books\":0")));

        assertThat(reports.neverSynced()).containsExactly(
                Map.entry("ETHUSDT", "snapshot_not_bridged"), Map.entry("SOLUSDT", "depth_unusable"));
        assertThat(reports.report(out, false)).isEqualTo(FeedReports.UNSYNCED_EXIT_STATUS);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(
                "ETHUSDT had depth but never a book (no snapshot that its diffs continue)",
                "SOLUSDT had depth but never a book (every depth message of it was malformed)",
                "--allow-unsynced");
        assertThat(reports.report(out, true)).isZero();
    }

    @Test
    void aDetachedOrReportlessJobHasNothingToSay() {
        assertThat(FeedReports.of(result()).report(out, false)).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    /** An ended job whose router gathered these notices. */
    private static JobExecutionResult result(MarketNotice... notices) {
        Map<String, OptionalFailure<Object>> accumulators = new HashMap<>();
        if (notices.length > 0) {
            accumulators.put(MarketEventRouter.FEED_REPORTS, OptionalFailure.of(
                    new java.util.ArrayList<>(List.of(notices).stream().map(FeedReports::encode).toList())));
        }
        return new JobExecutionResult(new JobID(), 1, accumulators);
    }
}
