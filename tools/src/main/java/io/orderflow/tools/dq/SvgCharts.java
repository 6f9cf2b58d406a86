package io.orderflow.tools.dq;

import io.orderflow.tools.dq.ChartData.EmptyRun;
import io.orderflow.tools.dq.ChartData.EventTimeline;
import io.orderflow.tools.dq.ChartData.LatencyBucket;
import io.orderflow.tools.dq.ChartData.MinuteCoverage;
import io.orderflow.tools.dq.DqReport.Cvd;
import io.orderflow.tools.dq.DqReport.Latency;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;

/** The HTML report's pictures, each an inline SVG; their colours are CSS classes of the page. */
final class SvgCharts {

    // The heatmap's geometry: an hour a row, a minute a column, trades above books in each row.
    static final int HEATMAP_LEFT = 78;
    static final int HEATMAP_TOP = 20;
    static final int CELL_WIDTH = 10;
    static final int LANE_HEIGHT = 7;
    static final int ROW_HEIGHT = 2 * LANE_HEIGHT + 3;

    /** Market events in cool colours, the feed's own events in warm ones. */
    private static final List<String> MARKET_COLOURS = List.of(
            "#4e79a7", "#59a14f", "#76b7b2", "#b07aa1", "#9c755f", "#8cd17d", "#86bcb6", "#d4a6c8", "#499894");
    private static final List<String> FEED_COLOURS = List.of("#e15759", "#f28e2b", "#b6992d", "#ff9d9a", "#d37295", "#fabfd2");

    private SvgCharts() {}

    /**
     * A symbol's minutes from its first to its last trade or book: an hour a row, a minute a
     * column, trades in the upper lane and books in the lower; empty minutes are marked rectangles.
     */
    static String heatmap(String symbol, MinuteCoverage coverage) {
        long firstHour = Math.floorDiv(coverage.firstMinute(), 60);
        int rows = (int) (Math.floorDiv(coverage.lastMinute(), 60) - firstHour + 1);
        double bottom = HEATMAP_TOP + rows * ROW_HEIGHT;
        Svg svg = new Svg(HEATMAP_LEFT + 60 * CELL_WIDTH + 8, bottom + 2, "heatmap",
                symbol + ": minutes with and without trades and books", "data-symbol", symbol);
        for (int minute = 0; minute <= 60; minute += 10) {
            svg.text(column(minute), HEATMAP_TOP - 7, "middle", null, Integer.toString(minute));
        }
        for (int row = 0; row < rows; row++) {
            long hourStart = (firstHour + row) * 60;
            double y = row(row);
            svg.text(HEATMAP_LEFT - 6, y + 2 * LANE_HEIGHT - 2, "end", null,
                    ReportFormat.hour(hourStart * ChartData.MINUTE_MS, row == 0));
            // The span's part of this hour, in minutes of the hour: [from, to).
            long from = Math.max(coverage.firstMinute(), hourStart) - hourStart;
            long to = Math.min(coverage.lastMinute(), hourStart + 59) - hourStart + 1;
            if (from > 0) {
                svg.rect(column(0), y, from * CELL_WIDTH, 2 * LANE_HEIGHT, "outside");
            }
            if (to < 60) {
                svg.rect(column(to), y, (60 - to) * CELL_WIDTH, 2 * LANE_HEIGHT, "outside");
            }
            svg.rect(column(from), y, (to - from) * CELL_WIDTH, LANE_HEIGHT, "busy trades");
            svg.rect(column(from), y + LANE_HEIGHT, (to - from) * CELL_WIDTH, LANE_HEIGHT, "busy books");
        }
        emptyRuns(svg, symbol, "trades", "no trade", coverage.emptyTrades(), firstHour, 0);
        emptyRuns(svg, symbol, "books", "no book", coverage.emptyBooks(), firstHour, LANE_HEIGHT);
        // Lines between the minutes, drawn over the marks, make single minutes countable.
        StringBuilder minor = new StringBuilder();
        StringBuilder major = new StringBuilder();
        for (int minute = 1; minute < 60; minute++) {
            (minute % 10 == 0 ? major : minor).append('M').append(column(minute)).append(' ').append(HEATMAP_TOP)
                    .append('V').append(Svg.number(bottom));
        }
        return svg.path(minor.toString(), "grid").path(major.toString(), "grid major").end();
    }

    /** The x of a minute's column. */
    static int column(long minuteOfHour) {
        return (int) (HEATMAP_LEFT + minuteOfHour * CELL_WIDTH);
    }

    /** The y of an hour's row (its trades lane; books are {@link #LANE_HEIGHT} below). */
    static int row(int row) {
        return HEATMAP_TOP + row * ROW_HEIGHT;
    }

    /** Each run cut at the hours it spans, one rectangle per row. */
    private static void emptyRuns(Svg svg, String symbol, String kind, String what, List<EmptyRun> runs, long firstHour,
            int laneOffset) {
        for (EmptyRun run : runs) {
            String title = symbol + ": " + what + " for " + run.minutes() + " min from "
                    + ReportFormat.minute(run.firstMinute() * ChartData.MINUTE_MS) + " UTC";
            long minute = run.firstMinute();
            long end = run.firstMinute() + run.minutes();
            while (minute < end) {
                long hour = Math.floorDiv(minute, 60);
                long segmentEnd = Math.min(end, (hour + 1) * 60);
                svg.rectWithTitle(column(minute - hour * 60), row((int) (hour - firstHour)) + laneOffset,
                        (segmentEnd - minute) * CELL_WIDTH, LANE_HEIGHT, title, "empty " + kind,
                        "data-start", Instant.ofEpochMilli(minute * ChartData.MINUTE_MS).toString(),
                        "data-minutes", Long.toString(segmentEnd - minute));
                minute = segmentEnd;
            }
        }
    }

    /**
     * A symbol's latencies in 1-2-5 buckets on a log count scale, so a handful of late trades shows
     * beside millions of prompt ones; trades that arrived before their event time stand apart on
     * the left. Marks at the observed p50 and p99 and at the p99 limit.
     */
    static String latency(String symbol, List<LatencyBucket> buckets, List<Long> counts, Latency latency,
            double p99LimitMs) {
        double width = 436;
        double height = 250;
        double left = 36;
        double right = width - 10;
        double top = 50;
        double bottom = height - 38;
        double skewGap = 16;
        double slot = (right - left - skewGap) / buckets.size();
        long total = counts.stream().mapToLong(Long::longValue).sum();
        long most = Math.max(1, counts.stream().mapToLong(Long::longValue).max().orElse(1));
        int decades = Math.max(1, (int) Math.ceil(Math.log10(most)));
        // A count of 1 must show: the scale starts at half a trade.
        double floor = Math.log10(0.5);
        DoubleUnaryOperator y = count ->
                bottom - (Math.log10(count) - floor) / (decades - floor) * (bottom - top);
        IntToDoubleFunction x = i -> left + i * slot + (buckets.get(i).skewed() ? 0 : skewGap);

        Svg svg = new Svg(width, height, "latency", symbol + ": latency histogram", "data-symbol", symbol);
        for (int decade = 0; decade <= decades; decade++) {
            double gy = y.applyAsDouble(Math.pow(10, decade));
            svg.line(left, gy, right, gy, "gridline");
            svg.text(left - 6, gy + 4, "end", null, ReportFormat.compact((long) Math.pow(10, decade)));
        }
        for (int i = 0; i < buckets.size(); i++) {
            LatencyBucket bucket = buckets.get(i);
            long count = counts.get(i);
            if (count > 0) {
                double barTop = y.applyAsDouble(count);
                String css = bucket.skewed() ? "bar skew"
                        : bucket.fromMs() != null && bucket.fromMs() >= p99LimitMs ? "bar over" : "bar";
                svg.rectWithTitle(x.applyAsDouble(i) + 2, barTop, slot - 4, bottom - barTop,
                        bucketLabel(bucket) + " ms: " + ReportFormat.count(count) + " trades ("
                                + ReportFormat.percent(count / (double) total) + ")", css);
                svg.text(x.applyAsDouble(i) + slot / 2, barTop - 3, "middle", "value", ReportFormat.compact(count));
            }
            if (bucket.fromMs() != null) {
                svg.line(x.applyAsDouble(i), bottom, x.applyAsDouble(i), bottom + 4, "axis");
                svg.text(x.applyAsDouble(i), bottom + 14, "middle", "tick", milliseconds(bucket.fromMs()));
            }
        }
        svg.line(left, bottom, x.applyAsDouble(1) + slot, bottom, "axis");
        svg.line(x.applyAsDouble(2), bottom, right, bottom, "axis");
        svg.text(left + slot, height - 6, "middle", "note skew", "before event time");
        svg.text(x.applyAsDouble(2) + (right - x.applyAsDouble(2)) / 2, height - 6, "middle", "note",
                "ms after the exchange's event time");

        List<Mark> marks = new ArrayList<>();
        marks.add(new Mark("p99 limit " + Verdicts.format(p99LimitMs) + " ms", p99LimitMs, "limit"));
        if (latency.p99Ms() != null) {
            marks.add(new Mark("p99 " + latency.p99Ms() + " ms", latency.p99Ms(), "mark"));
        }
        if (latency.p50Ms() != null) {
            marks.add(new Mark("p50 " + latency.p50Ms() + " ms", latency.p50Ms(), "mark"));
        }
        for (int i = 0; i < marks.size(); i++) {
            Mark mark = marks.get(i);
            double mx = markX(buckets, mark.value(), x, slot);
            double labelY = 13 + 13 * i;
            svg.line(mx, labelY + 3, mx, bottom, mark.css());
            boolean leftOfLine = mx > width - 110;
            svg.text(mx + (leftOfLine ? -3 : 3), labelY, leftOfLine ? "end" : "start", mark.css() + "-label",
                    mark.label());
        }
        return svg.end();
    }

    private record Mark(String label, double value, String css) {}

    /**
     * Where a latency falls within its bucket: on a log scale like the buckets, linearly in those
     * from zero or below, halfway in the open ones.
     */
    private static double markX(List<LatencyBucket> buckets, double value, IntToDoubleFunction x, double slot) {
        for (int i = 0; i < buckets.size(); i++) {
            LatencyBucket b = buckets.get(i);
            if ((b.fromMs() == null || value >= b.fromMs()) && (b.toMs() == null || value < b.toMs())) {
                double fraction = b.fromMs() == null || b.toMs() == null ? 0.5
                        : b.fromMs() <= 0 ? (value - b.fromMs()) / (b.toMs() - b.fromMs())
                        : Math.log(value / b.fromMs()) / Math.log((double) b.toMs() / b.fromMs());
                return x.applyAsDouble(i) + fraction * slot;
            }
        }
        throw new IllegalArgumentException("no bucket holds " + value);
    }

    private static String bucketLabel(LatencyBucket b) {
        if (b.fromMs() == null) {
            return "< " + milliseconds(b.toMs());
        }
        return b.toMs() == null ? "≥ " + milliseconds(b.fromMs()) : milliseconds(b.fromMs()) + "…" + milliseconds(b.toMs());
    }

    /** 500, 1s, 2s, −200: an axis label. */
    private static String milliseconds(long ms) {
        String text = Math.abs(ms) >= 1_000 && ms % 1_000 == 0 ? Math.abs(ms) / 1_000 + "s" : Long.toString(Math.abs(ms));
        return ms < 0 ? "−" + text : text;
    }

    /**
     * The tails of |z_raw| and |z_cvd| side by side, with the winsor limit: where winsorising works,
     * z_raw's tail goes past the line and z_cvd's stops at it.
     */
    static String zTails(String symbol, Cvd cvd) {
        double width = 340;
        double height = 250;
        double left = 40;
        double right = width - 10;
        double top = 24;
        double bottom = height - 34;
        List<String> levels = List.of("p99", "p99.9", "max");
        List<Double> raw = List.of(orZero(cvd.zRawAbs().p99()), orZero(cvd.zRawAbs().p999()), orZero(cvd.zRawAbs().max()));
        List<Double> winsorised = List.of(orZero(cvd.zCvdAbs().p99()), orZero(cvd.zCvdAbs().p999()), orZero(cvd.zCvdAbs().max()));
        double highest = Math.max(cvd.winsorLimit(), Math.max(raw.get(2), winsorised.get(2)));
        double step = niceStep(highest * 1.1, 5);
        double max = Math.ceil(highest * 1.1 / step) * step;
        DoubleUnaryOperator y = z -> bottom - z / max * (bottom - top);

        Svg svg = new Svg(width, height, "ztails", symbol + ": |z_raw| and |z_cvd| tails", "data-symbol", symbol);
        for (int k = 0; k * step <= max + step / 2; k++) {
            double tick = k * step;
            svg.line(left, y.applyAsDouble(tick), right, y.applyAsDouble(tick), "gridline");
            svg.text(left - 6, y.applyAsDouble(tick) + 4, "end", null, Verdicts.format(tick));
        }
        double group = (right - left) / levels.size();
        double bar = group * 0.3;
        for (int i = 0; i < levels.size(); i++) {
            double centre = left + group * (i + 0.5);
            bar(svg, centre - bar - 1, bar, raw.get(i), y, bottom, "z-raw", "|z_raw| " + levels.get(i));
            bar(svg, centre + 1, bar, winsorised.get(i), y, bottom, "z-cvd", "|z_cvd| " + levels.get(i));
            svg.text(centre, bottom + 15, "middle", null, levels.get(i));
        }
        svg.line(left, bottom, right, bottom, "axis");
        double limitY = y.applyAsDouble(cvd.winsorLimit());
        svg.line(left, limitY, right, limitY, "limit");
        svg.text(left + 4, limitY - 4, "start", "limit-label", "winsor ±" + Verdicts.format(cvd.winsorLimit()));
        svg.text(left + (right - left) / 2, height - 6, "middle", "note", "|z| quantiles over the symbol's cvd rows");
        return svg.end();
    }

    private static void bar(Svg svg, double x, double width, double value, DoubleUnaryOperator y,
            double bottom, String css, String what) {
        double top = y.applyAsDouble(value);
        String text = String.format(Locale.ROOT, "%.2f", value);
        svg.rectWithTitle(x, top, width, bottom - top, what + ": " + text, css);
        svg.text(x + width / 2, top - 3, "middle", "value", String.format(Locale.ROOT, "%.1f", value));
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    /** Each event type's colour, in the order given: the same in the chart and its legend. */
    static Map<String, String> eventColours(Collection<String> types) {
        Map<String, String> colours = new LinkedHashMap<>();
        int market = 0;
        int feed = 0;
        for (String type : types) {
            colours.put(type, ReportBuilder.FEED_EVENT_TYPES.contains(type)
                    ? FEED_COLOURS.get(feed++ % FEED_COLOURS.size())
                    : MARKET_COLOURS.get(market++ % MARKET_COLOURS.size()));
        }
        return colours;
    }

    /** Events of every symbol per bucket of time, stacked by type in {@code colours}' order. */
    static String events(EventTimeline timeline, Map<String, String> colours) {
        double width = 1180;
        double height = 250;
        double left = 50;
        double right = width - 10;
        double top = 14;
        double bottom = height - 34;
        int buckets = (int) ((timeline.toMs() - timeline.fromMs()) / timeline.bucketMs() + 1);
        double slot = (right - left) / buckets;
        long most = timeline.counts().values().stream()
                .mapToLong(byType -> byType.values().stream().mapToLong(Long::longValue).sum()).max().orElse(1);
        double step = Math.max(1, niceStep(most, 5));
        double max = Math.max(step, Math.ceil(most / step) * step);
        DoubleUnaryOperator y = count -> bottom - count / max * (bottom - top);

        Svg svg = new Svg(width, height, "events", "events per " + ReportFormat.duration(timeline.bucketMs()) + " by type");
        for (int k = 0; k * step <= max + step / 2; k++) {
            double tick = k * step;
            svg.line(left, y.applyAsDouble(tick), right, y.applyAsDouble(tick), "gridline");
            svg.text(left - 6, y.applyAsDouble(tick) + 4, "end", null, ReportFormat.compact((long) tick));
        }
        int labelEvery = (int) Math.ceil(64 / slot);
        for (int i = 0; i < buckets; i++) {
            long start = timeline.fromMs() + i * timeline.bucketMs();
            double x = left + i * slot;
            if (i % labelEvery == 0) {
                svg.line(x, bottom, x, bottom + 4, "axis");
                svg.text(x, bottom + 15, "middle", null, ReportFormat.hour(start, i == 0));
            }
            Map<String, Long> byType = timeline.counts().get(start);
            if (byType == null) {
                continue;
            }
            double stacked = 0;
            for (var e : colours.entrySet()) {
                long count = byType.getOrDefault(e.getKey(), 0L);
                if (count > 0) {
                    double barTop = y.applyAsDouble(stacked + count);
                    svg.rectWithTitle(x + slot * 0.1, barTop, Math.max(1, slot * 0.8), y.applyAsDouble(stacked) - barTop,
                            e.getKey() + ": " + count + " from " + ReportFormat.minute(start) + " UTC", "event",
                            "fill", e.getValue());
                    stacked += count;
                }
            }
        }
        svg.line(left, bottom, right, bottom, "axis");
        svg.text(left + (right - left) / 2, height - 4, "middle", "note",
                "UTC; a bar per " + ReportFormat.duration(timeline.bucketMs()));
        return svg.end();
    }

    /** A round step (1, 2 or 5 × a power of ten) giving about {@code ticks} ticks up to {@code max}. */
    private static double niceStep(double max, int ticks) {
        double raw = Math.max(max, 1e-9) / ticks;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double n = raw / magnitude;
        return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * magnitude;
    }
}
