package io.orderflow.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.model.MarketNotice;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;

/**
 * What the feed reported by the time a job ended ({@code feed_summary} and {@code book_unsynced}
 * notices, gathered by {@link MarketEventRouter}): a line per symbol, and the symbols whose depth
 * never gave a book. A replay with such a symbol ends with a non-zero status and says why, unless
 * ALLOW_UNSYNCED accepts it: a backtest on a market without books is no backtest.
 */
public final class FeedReports {

    /** The exit status of a run that produced no book for a symbol whose depth came in. */
    public static final int UNSYNCED_EXIT_STATUS = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Summary figures by symbol, and why each never-synced symbol has no book. */
    private final Map<String, JsonNode> summaries = new TreeMap<>();
    private final Map<String, String> neverSynced = new TreeMap<>();

    private FeedReports(List<String> encoded) {
        for (String report : encoded) {
            int space = report.indexOf(' ');
            String type = report.substring(0, space);
            JsonNode meta = readJson(report.substring(space + 1));
            String symbol = meta.path("symbol").asText();
            if (type.equals(MarketNotice.FEED_SUMMARY)) {
                summaries.put(symbol, meta);
            } else if (meta.path("books").asLong(-1) == 0) {
                neverSynced.put(symbol, meta.path("reason").asText());
            }
        }
    }

    /** The reports of an ended job; none for a detached one. */
    public static FeedReports of(JobExecutionResult result) {
        if (!result.isJobExecutionResult()) {
            return new FeedReports(List.of());
        }
        List<String> reports = result.getAccumulatorResult(MarketEventRouter.FEED_REPORTS);
        return new FeedReports(reports == null ? List.of() : reports);
    }

    static boolean isReport(MarketNotice notice) {
        return notice.type().equals(MarketNotice.FEED_SUMMARY) || notice.type().equals(MarketNotice.BOOK_UNSYNCED);
    }

    static String encode(MarketNotice notice) {
        return notice.type() + " " + notice.metaJson();
    }

    /** Symbols whose depth came in but never gave a book, with the reason. */
    public Map<String, String> neverSynced() {
        return neverSynced;
    }

    /**
     * Prints a line per summarised symbol and, if a symbol never had a book, why; returns the exit
     * status the run should end with: 0, or {@value #UNSYNCED_EXIT_STATUS} unless {@code allowUnsynced}.
     */
    public int report(PrintStream out, boolean allowUnsynced) {
        if (!summaries.isEmpty()) {
            out.printf("Feed summary%n  %-14s %10s %9s %9s %6s %7s %9s %11s %9s%n", "symbol", "messages", "trades",
                    "books", "gaps", "resyncs", "tickers", "unsupported", "malformed");
            summaries.forEach((symbol, s) -> out.printf("  %-14s %10d %9d %9d %6d %7d %4d/%-4d %11d %9d%n", symbol,
                    s.path("messages").asLong(), s.path("trades").asLong(), s.path("books").asLong(),
                    s.path("gaps").asLong(), s.path("resyncs").asLong(), s.path("ticker_mismatches").asLong(),
                    s.path("ticker_checks").asLong(), s.path("unsupported").asLong(), s.path("malformed").asLong()));
            out.println("  (tickers: mismatches/checks of the rebuilt book against @bookTicker)");
        }
        if (neverSynced.isEmpty()) {
            return 0;
        }
        neverSynced.forEach((symbol, reason) -> out.printf("orderflow: %s had depth but never a book (%s)%n", symbol,
                reason.equals("no_snapshot") ? "no depth snapshot for its diffs: the recording holds none near them"
                        : reason.equals("snapshot_not_bridged") ? "no snapshot that its diffs continue"
                        : reason.equals("depth_unusable") ? "every depth message of it was malformed" : reason));
        if (allowUnsynced) {
            out.println("orderflow: accepted (ALLOW_UNSYNCED): the output has no ofi rows for them");
            return 0;
        }
        out.println("orderflow: the output has no ofi rows for them; rerun with --allow-unsynced to accept that");
        return UNSYNCED_EXIT_STATUS;
    }

    private static JsonNode readJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("a feed report is not JSON: " + json, e);
        }
    }
}
