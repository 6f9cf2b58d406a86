package io.orderflow.tools.dq;

import static io.orderflow.tools.dq.ReportFormat.count;
import static io.orderflow.tools.dq.ReportFormat.minute;
import static io.orderflow.tools.dq.ReportFormat.orDash;
import static io.orderflow.tools.dq.ReportFormat.percent;
import static io.orderflow.tools.dq.Svg.escape;

import io.orderflow.tools.dq.ChartData.MinuteCoverage;
import io.orderflow.tools.dq.DqReport.Cvd;
import io.orderflow.tools.dq.DqReport.EmptyMinutes;
import io.orderflow.tools.dq.DqReport.Fingerprint;
import io.orderflow.tools.dq.DqReport.Health;
import io.orderflow.tools.dq.DqReport.Latency;
import io.orderflow.tools.dq.DqReport.OrphanedFile;
import io.orderflow.tools.dq.DqReport.Section;
import io.orderflow.tools.dq.DqReport.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The dq report as one self-contained HTML page beside the JSON: verdicts first, then the key
 * figures per symbol, then the pictures (docs/data-quality.md). No script and nothing fetched: the
 * style is inline and the charts are inline SVG. The page is well-formed XML as well as HTML, so
 * tests can read it with an XML parser.
 */
final class HtmlReport {

    private static final String ALL = "all";

    private HtmlReport() {}

    static String render(DqReport report, ChartData charts, String jsonName) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>")
                .append(escape("dq " + minute(report.generatedAt()) + " UTC · " + report.dataDir()))
                .append("</title><style>").append(STYLE).append("</style></head><body><main>\n");
        header(html, report, jsonName);
        verdicts(html, report);
        keyFigures(html, report);
        coverage(html, report, charts);
        latency(html, report, charts);
        cvdTails(html, report);
        events(html, charts);
        html.append("<footer>Written by <code>./jobs/dq.sh</code> beside <a href=\"").append(escape(jsonName))
                .append("\">").append(escape(jsonName)).append("</a> (schema version ").append(report.schemaVersion())
                .append("); the fields and pictures are described in docs/data-quality.md.</footer>\n");
        return html.append("</main></body></html>\n").toString();
    }

    private static void header(StringBuilder html, DqReport report, String jsonName) {
        Map<String, Long> states = new LinkedHashMap<>();
        Verdict.WORST_FIRST.forEach(state -> states.put(state, 0L));
        scopes(report).values().forEach(s -> s.verdicts().forEach(v -> states.merge(v.state(), 1L, Long::sum)));
        boolean failed = states.get(Verdict.FAIL) > 0;
        Section all = report.overall();
        html.append("<header><h1>Data quality of <code>").append(escape(report.dataDir())).append("</code></h1>")
                .append("<p class=\"status ").append(failed ? "fail" : "pass").append("\"><span class=\"verdict\">")
                .append(failed ? "FAIL" : "PASS").append("</span>");
        states.forEach((state, n) -> html.append(" <span class=\"badge ").append(css(state)).append("\">").append(n)
                .append(' ').append(state).append("</span>"));
        html.append("</p>\n<dl class=\"run\">");
        term(html, "span", minute(all.coverage().firstEventTime()) + " → " + minute(all.coverage().lastEventTime())
                + " UTC (" + ReportFormat.duration(all.coverage().minutesSpanned() * ChartData.MINUTE_MS) + ")");
        term(html, "symbols", report.symbols().size() + ": " + String.join(", ", report.symbols().keySet()));
        term(html, "range", (report.range().from() == null ? "all dates" : "from " + report.range().from())
                + (report.range().to() == null ? "" : " to " + report.range().to())
                + (report.range().symbols() == null ? "" : ", --symbols " + String.join(",", report.range().symbols()))
                + (report.range().committedSince() == null ? "" : ", files committed since " + report.range().committedSince()));
        term(html, "rows", all.coverage().rowsByKind().entrySet().stream()
                .map(e -> e.getKey() + " " + count(e.getValue())).collect(Collectors.joining(" · ")));
        term(html, "source", all.health().sourceRows().isEmpty() ? "not recorded in the files"
                : all.health().sourceRows().entrySet().stream().map(e -> e.getKey() + " (" + count(e.getValue()) + " rows)")
                        .collect(Collectors.joining(", ")));
        List<Fingerprint> fingerprints = report.harvest().configFingerprints();
        term(html, "configuration", fingerprints.isEmpty() ? "no fingerprint recorded"
                : fingerprints.stream()
                        .map(f -> f.fingerprint() + " (" + count(f.files()) + " files, " + count(f.rows()) + " rows)")
                        .collect(Collectors.joining("; ")));
        term(html, "winsor limit", Verdicts.format(report.winsorLimit().value()) + " (from the "
                + report.winsorLimit().source() + ")");
        List<OrphanedFile> orphaned = report.harvest().orphanedInprogressFiles();
        term(html, "orphaned in-progress files", orphaned.isEmpty() ? "none" : count(orphaned.size()) + " files, "
                + count(orphaned.stream().mapToLong(OrphanedFile::sizeBytes).sum()) + " bytes (./jobs/orphans.sh removes"
                + " them once no job can commit them): " + orphaned.stream()
                        .map(f -> f.path() + " (" + f.sizeBytes() + " bytes, " + ReportFormat.duration(f.ageSec() * 1_000) + " old)")
                        .collect(Collectors.joining("; ")));
        term(html, "report", report.kind() + (report.runTag() == null ? "" : " report of run " + report.runTag())
                + ", generated " + minute(report.generatedAt()) + " UTC in " + count(report.elapsedMs()) + " ms · " + jsonName);
        html.append("</dl></header>\n");
    }

    private static void term(StringBuilder html, String term, String definition) {
        html.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(definition)).append("</dd>");
    }

    /** The whole harvest under "all", then each symbol. */
    private static Map<String, Section> scopes(DqReport report) {
        Map<String, Section> scopes = new LinkedHashMap<>();
        scopes.put(ALL, report.overall());
        scopes.putAll(report.symbols());
        return scopes;
    }

    /**
     * A verdict a row and a scope a column, the verdicts failing anywhere first; then why each
     * verdict that does not pass does not.
     */
    private static void verdicts(StringBuilder html, DqReport report) {
        Map<String, Section> scopes = scopes(report);
        Map<String, Map<String, Verdict>> byName = new LinkedHashMap<>();
        scopes.forEach((scope, s) -> s.verdicts().forEach(v ->
                byName.computeIfAbsent(v.name(), n -> new LinkedHashMap<>()).put(scope, v)));
        List<String> names = new ArrayList<>(byName.keySet());
        names.sort(Comparator.comparingInt(name -> byName.get(name).values().stream()
                .mapToInt(v -> Verdict.WORST_FIRST.indexOf(v.state())).min().orElse(0)));

        html.append("<section id=\"verdicts\"><h2>Verdicts</h2><p class=\"explain\">One row per acceptance item, failing"
                + " ones first; hover a cell for its reason. A verdict passes when its value is below its threshold.</p>"
                + "<div class=\"scroll\"><table class=\"matrix\"><thead><tr><th>verdict</th><th>threshold</th>");
        scopes.keySet().forEach(scope -> html.append("<th>").append(escape(scope)).append("</th>"));
        html.append("</tr></thead><tbody>");
        for (String name : names) {
            Map<String, Verdict> cells = byName.get(name);
            html.append("<tr><td class=\"name\">").append(escape(name)).append("</td><td class=\"threshold\">")
                    .append(escape(cells.values().iterator().next().threshold())).append("</td>");
            for (String scope : scopes.keySet()) {
                Verdict v = cells.get(scope);
                if (v == null) {
                    html.append("<td class=\"none\">·</td>");
                    continue;
                }
                html.append("<td class=\"cell\"").append(v.reason() == null ? "" : " title=\"" + escape(v.reason()) + "\"")
                        .append("><span class=\"badge ").append(css(v.state())).append("\">").append(escape(v.state()))
                        .append("</span> <span class=\"value\">").append(escape(value(v.value()))).append("</span></td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table></div>\n");

        // The same reason in several scopes (no klines anywhere, one clock skew) is one row.
        Map<Reason, List<String>> reasons = new LinkedHashMap<>();
        for (String state : Verdict.WORST_FIRST) {
            scopes.forEach((scope, s) -> s.verdicts().stream().filter(v -> v.state().equals(state) && v.reason() != null)
                    .forEach(v -> reasons.computeIfAbsent(new Reason(v.state(), v.name(), v.reason()),
                            k -> new ArrayList<>()).add(scope)));
        }
        if (!reasons.isEmpty()) {
            html.append("<h3>Why not a pass</h3><table class=\"reasons\"><tbody>");
            reasons.forEach((r, where) -> html.append("<tr><td><span class=\"badge ").append(css(r.state())).append("\">")
                    .append(escape(r.state())).append("</span></td><td class=\"name\">").append(escape(r.verdict()))
                    .append("</td><td>").append(escape(String.join(", ", where))).append("</td><td>")
                    .append(escape(r.reason())).append("</td></tr>"));
            html.append("</tbody></table>");
        }
        html.append("</section>\n");
    }

    private record Reason(String state, String verdict, String reason) {}

    /** A verdict's value, short: four significant digits, a map as its entries. */
    private static String value(Object value) {
        if (value == null) {
            return "–";
        }
        if (value instanceof Double d) {
            return ReportFormat.number(d);
        }
        if (value instanceof Number n) {
            return count(n.longValue());
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + " " + value(e.getValue())).collect(Collectors.joining(", "));
        }
        return value.toString();
    }

    private static String css(String state) {
        return state.equals(Verdict.NA) ? "na" : state;
    }

    private static void keyFigures(StringBuilder html, DqReport report) {
        html.append("<section id=\"figures\"><h2>Key figures</h2><p class=\"explain\">Per symbol, and for all symbols"
                + " together (empty-minute rates over symbol-minutes). Red: a defect was counted. Latency is receive"
                + " time − the exchange's event time; early trades arrived more than the clock-skew threshold before"
                + " it.</p><div class=\"scroll\"><table class=\"figures\"><thead><tr><th>symbol</th>"
                + "<th>first → last (UTC)</th><th>minutes</th><th>trades</th><th>books</th>"
                + "<th>empty minutes<br/>trades · books</th><th>duplicate trades<br/>· missing ids</th>"
                + "<th>latency ms<br/>p50 · p90 · p99 · max</th><th>early trades</th><th>max |z_raw|<br/>· |z_cvd|</th>"
                + "<th>rows beyond<br/>winsor limit</th><th>market events</th><th>feed events</th></tr></thead><tbody>");
        report.symbols().forEach((symbol, s) -> figuresRow(html, symbol, s, false));
        figuresRow(html, ALL, report.overall(), true);
        html.append("</tbody></table></div></section>\n");
    }

    private static void figuresRow(StringBuilder html, String name, Section s, boolean total) {
        Latency l = s.latency();
        Cvd cvd = s.signals().cvd();
        EmptyMinutes trades = s.coverage().emptyMinutesTrades();
        EmptyMinutes books = s.coverage().emptyMinutesBooks();
        html.append(total ? "<tr class=\"total\">" : "<tr>").append("<th>").append(escape(name)).append("</th>");
        cell(html, span(s.coverage().firstEventTime(), s.coverage().lastEventTime()), false, "");
        cell(html, count(s.coverage().minutesSpanned()), false, "n");
        cell(html, count(s.duplicates().priceRows()), false, "n");
        cell(html, count(s.coverage().rowsByKind().getOrDefault("ofi", 0L)), false, "n");
        cell(html, count(trades.count()) + " · " + count(books.count()) + " (" + percent(trades.rate()) + " · "
                + percent(books.rate()) + ")", trades.count() + books.count() > 0, "n");
        cell(html, count(s.duplicates().duplicateRows()) + " · " + count(s.duplicates().missingTradeIds()),
                s.duplicates().duplicateRows() + s.duplicates().missingTradeIds() > 0, "n");
        cell(html, orDash(l.p50Ms()) + " · " + orDash(l.p90Ms()) + " · " + orDash(l.p99Ms()) + " · " + orDash(l.maxMs()),
                false, "n");
        cell(html, count(l.clockSkew().rowsBeyond()) + (l.clockSkew().detected() ? " (min " + l.minMs() + " ms)" : ""),
                l.clockSkew().detected(), "n");
        boolean unclipped = cvd.zCvdAbs().max() != null && cvd.zCvdAbs().max() > cvd.winsorLimit();
        cell(html, z(cvd.zRawAbs().max()) + " · " + z(cvd.zCvdAbs().max()), unclipped, "n");
        cell(html, count(cvd.rowsBeyondLimit()) + " (" + percent(cvd.shareBeyondLimit()) + ")", false, "n");
        cell(html, count(s.signals().marketEvents()), false, "n");
        String feed = feedEvents(s.health());
        cell(html, feed.isEmpty() ? "none" : feed, !feed.isEmpty(), "wrap");
        html.append("</tr>");
    }

    /** 03-02 09:30 → 12:29, the day repeated only when it changes. */
    private static String span(String first, String last) {
        if (first == null) {
            return "–";
        }
        String from = minute(first).substring(5);
        String to = minute(last).substring(5);
        return from + " → " + (to.startsWith(from.substring(0, 5)) ? to.substring(6) : to);
    }

    private static void cell(StringBuilder html, String text, boolean bad, String css) {
        String classes = (css + (bad ? " bad" : "")).trim();
        html.append(classes.isEmpty() ? "<td>" : "<td class=\"" + classes + "\">").append(escape(text)).append("</td>");
    }

    private static String z(Double z) {
        return z == null ? "–" : String.format(Locale.ROOT, "%.2f", z);
    }

    private static String feedEvents(Health h) {
        List<String> parts = new ArrayList<>();
        add(parts, h.bookResync(), "resync");
        add(parts, h.bookUnsynced(), "unsynced");
        add(parts, h.dataGap(), "gap");
        add(parts, h.lateTrade(), "late");
        add(parts, h.wsReconnect(), "reconnect");
        return String.join(", ", parts);
    }

    private static void add(List<String> parts, long n, String what) {
        if (n > 0) {
            parts.add(n + " " + what);
        }
    }

    private static void coverage(StringBuilder html, DqReport report, ChartData charts) {
        html.append("<section id=\"coverage\"><h2>Minute coverage</h2><p class=\"explain\">An hour a row (UTC), a minute"
                + " a column; in each row the upper lane is trades (<code>prices</code>), the lower books"
                + " (<code>ofi</code>). ")
                .append(swatch("empty-trades")).append(" a minute without a trade, ").append(swatch("empty-books"))
                .append(" a minute without a book, ").append(swatch("busy-trades")).append(swatch("busy-books"))
                .append(" minutes with rows, ").append(swatch("outside"))
                .append(" outside the symbol's first-to-last span. Hover a mark for its run.</p><div class=\"charts\">");
        report.symbols().forEach((symbol, s) -> {
            MinuteCoverage minutes = charts.coverage().get(symbol);
            html.append("<figure><figcaption><b>").append(escape(symbol)).append("</b> · ")
                    .append(escape(count(s.coverage().minutesSpanned()))).append(" minutes<br/>")
                    .append(escape(emptySummary("trades", s.coverage().emptyMinutesTrades()))).append("<br/>")
                    .append(escape(emptySummary("books", s.coverage().emptyMinutesBooks()))).append("</figcaption>")
                    .append(minutes == null ? "<p class=\"none\">no trade or book in the range</p>"
                            : SvgCharts.heatmap(symbol, minutes))
                    .append("</figure>");
        });
        html.append("</div></section>\n");
    }

    private static String emptySummary(String what, EmptyMinutes empty) {
        if (empty.count() == 0) {
            return what + ": no empty minute";
        }
        return what + ": " + count(empty.count()) + " empty (" + percent(empty.rate()) + "), longest run "
                + empty.longestRunMinutes() + " min from " + minute(empty.longestRunStart()).substring(5);
    }

    private static String swatch(String css) {
        return "<span class=\"swatch " + css + "\"></span>";
    }

    private static void latency(StringBuilder html, DqReport report, ChartData charts) {
        double p99Limit = ((Number) report.thresholds().get("max_latency_p99_ms")).doubleValue();
        html.append("<section id=\"latency\"><h2>Latency</h2><p class=\"explain\">Trades per latency bucket"
                + " (<code>latency_ms</code>: receive time − the exchange's event time), buckets in 1-2-5 steps and counts"
                + " on a log scale, so a single late trade shows. ").append(swatch("skew"))
                .append(" trades received before their event time, beyond and within the clock-skew threshold"
                        + " (the clocks disagree; latency verdicts are n/a then), ").append(swatch("over"))
                .append(" buckets wholly above the p99 limit.</p><div class=\"charts\">");
        report.symbols().forEach((symbol, s) -> {
            Latency l = s.latency();
            List<Long> counts = charts.latencyCounts().get(symbol);
            html.append("<figure><figcaption><b>").append(escape(symbol)).append("</b> · ")
                    .append(escape(count(l.rows()) + " trades · p50 " + orDash(l.p50Ms()) + " · p99 " + orDash(l.p99Ms())
                            + " · max " + orDash(l.maxMs()) + " ms"))
                    .append("</figcaption>")
                    .append(counts == null ? "<p class=\"none\">no trades</p>"
                            : SvgCharts.latency(symbol, charts.latencyBuckets(), counts, l, p99Limit))
                    .append("</figure>");
        });
        html.append("</div></section>\n");
    }

    private static void cvdTails(StringBuilder html, DqReport report) {
        html.append("<section id=\"cvd\"><h2>CVD z-score tails</h2><p class=\"explain\">Quantiles of |z_raw| ")
                .append(swatch("z-raw")).append(" and of the winsorised |z_cvd| ").append(swatch("z-cvd"))
                .append(" per symbol. Winsorising works when z_raw's tail goes past the dashed limit and z_cvd's"
                        + " stops at it; below the limit the two agree.</p><div class=\"charts\">");
        report.symbols().forEach((symbol, s) -> {
            Cvd cvd = s.signals().cvd();
            html.append("<figure><figcaption><b>").append(escape(symbol)).append("</b> · ")
                    .append(escape(count(cvd.rowsBeyondLimit()) + " of " + count(cvd.rows()) + " rows beyond ±"
                            + Verdicts.format(cvd.winsorLimit()) + " (" + percent(cvd.shareBeyondLimit()) + ")"))
                    .append("</figcaption>")
                    .append(cvd.rows() == 0 ? "<p class=\"none\">no cvd rows</p>" : SvgCharts.zTails(symbol, cvd))
                    .append("</figure>");
        });
        html.append("</div></section>\n");
    }

    private static void events(StringBuilder html, ChartData charts) {
        html.append("<section id=\"events\"><h2>Events over time</h2>");
        if (charts.events() == null) {
            html.append("<p class=\"none\">No events in the range.</p></section>\n");
            return;
        }
        Map<String, Long> totals = new LinkedHashMap<>();
        charts.events().counts().values().forEach(byType -> byType.forEach((type, n) -> totals.merge(type, n, Long::sum)));
        // Market events at the bottom of each stack, the feed's own above them.
        Set<String> types = new TreeSet<>(Comparator.comparing((String t) -> ReportBuilder.FEED_EVENT_TYPES.contains(t))
                .thenComparing(Comparator.naturalOrder()));
        types.addAll(totals.keySet());
        Map<String, String> colours = SvgCharts.eventColours(types);
        html.append("<p class=\"explain\">Rows of <code>events</code> of every symbol, per ")
                .append(escape(ReportFormat.duration(charts.events().bucketMs())))
                .append(", stacked by type: the market's events in cool colours, the feed's own (resyncs, gaps,"
                        + " late trades, reconnects) in warm ones.</p><figure class=\"wide\"><div class=\"legend\">");
        colours.forEach((type, colour) -> html.append("<span><span class=\"swatch\" style=\"background:").append(colour)
                .append("\"></span>").append(escape(type)).append(" <b>").append(count(totals.get(type)))
                .append("</b></span>"));
        html.append("</div>").append(SvgCharts.events(charts.events(), colours)).append("</figure></section>\n");
    }

    /** The page's style; CSS variables give the charts and their legends one colour each. */
    private static final String STYLE = """
            :root{--fail:#c62828;--warn:#d98200;--na:#8a9099;--pass:#2e7d32;--ink:#1f2328;--muted:#59636e;\
            --line:#d8dee4;--busy-trades:#c6daee;--busy-books:#cde6c8;--empty-trades:#d62728;--empty-books:#6a3d9a;\
            --outside:#eceff2;--bar:#4e79a7;--skew:#9467bd;--over:#e8a33d;--z-raw:#e07b39;--z-cvd:#3b6fb6}
            *{box-sizing:border-box}
            body{margin:0;padding:20px 24px 40px;background:#f4f6f8;color:var(--ink);\
            font:14px/1.45 system-ui,"Segoe UI","DejaVu Sans",Helvetica,Arial,sans-serif}
            main{max-width:1500px;margin:0 auto}
            h1{font-size:22px;margin:0 0 8px}h1 code{font-size:20px}
            h2{font-size:17px;margin:28px 0 6px;padding-bottom:4px;border-bottom:1px solid var(--line)}
            h3{font-size:14px;margin:14px 0 6px}
            code{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.92em}
            .explain{color:var(--muted);margin:0 0 10px;max-width:125ch}
            .status{margin:0 0 10px;display:flex;gap:8px;align-items:center}
            .status .verdict{font-size:20px;font-weight:700;padding:2px 12px;border-radius:4px;color:#fff}
            .status.fail .verdict{background:var(--fail)}.status.pass .verdict{background:var(--pass)}
            dl.run{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0;padding:10px 14px;\
            background:#fff;border:1px solid var(--line);border-radius:6px}
            dl.run dt{color:var(--muted)}dl.run dd{margin:0;overflow-wrap:anywhere}
            .scroll{overflow-x:auto}
            table{border-collapse:collapse;background:#fff;border:1px solid var(--line)}
            th,td{padding:4px 9px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
            thead th{font-size:12px;font-weight:600;color:var(--muted);background:#f8f9fa;vertical-align:bottom}
            td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            td.name,.matrix th{white-space:nowrap}
            td.name{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:13px}
            td.threshold{color:var(--muted);font-size:12px;min-width:18ch;max-width:34ch}
            td.cell{white-space:nowrap}td.none{color:#c0c6cc;text-align:center}
            .value{font-variant-numeric:tabular-nums;font-size:12px}
            tr.total th,tr.total td{border-top:2px solid var(--ink);font-weight:600}
            .figures td,.figures th{font-size:13px;padding:4px 7px}.figures td{white-space:nowrap}\
            .figures td.wrap{white-space:normal;min-width:14ch}
            .bad{color:var(--fail);font-weight:600}
            .badge{display:inline-block;min-width:3.3em;text-align:center;padding:0 6px;border-radius:3px;\
            font-size:12px;font-weight:700;color:#fff;text-transform:uppercase}
            .badge.fail{background:var(--fail)}.badge.warn{background:var(--warn)}.badge.na{background:var(--na)}\
            .badge.pass{background:var(--pass)}
            .reasons td{font-size:13px}
            .charts{display:flex;flex-wrap:wrap;gap:14px}
            figure{margin:0;padding:10px 12px;background:#fff;border:1px solid var(--line);border-radius:6px;\
            width:min-content;min-width:320px}
            figcaption{font-size:13px;color:var(--muted);margin-bottom:4px}figcaption b{color:var(--ink);font-size:14px}
            p.none{color:var(--muted);font-style:italic}
            .swatch{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-1px;margin:0 2px}
            .swatch.empty-trades{background:var(--empty-trades)}.swatch.empty-books{background:var(--empty-books)}
            .swatch.busy-trades{background:var(--busy-trades)}.swatch.busy-books{background:var(--busy-books)}
            .swatch.outside{background:var(--outside);border:1px solid var(--line)}
            .swatch.skew{background:var(--skew)}.swatch.over{background:var(--over)}
            .swatch.z-raw{background:var(--z-raw)}.swatch.z-cvd{background:var(--z-cvd)}
            .legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:13px;margin-bottom:4px}
            svg{display:block}svg text{font-size:11px;fill:var(--muted)}svg .tick{font-size:10px}
            svg .value{fill:var(--ink);font-size:10px}\
            svg .value,.mark-label,svg .limit-label{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
            svg .note{font-style:italic}svg .note.skew{fill:var(--skew)}
            .heatmap .busy.trades{fill:var(--busy-trades)}.heatmap .busy.books{fill:var(--busy-books)}
            .heatmap .outside{fill:var(--outside)}
            .heatmap .empty.trades{fill:var(--empty-trades)}.heatmap .empty.books{fill:var(--empty-books)}
            .heatmap .grid{stroke:#fff;stroke-width:1}.heatmap .grid.major{stroke-width:2}
            .gridline{stroke:#e6e9ed;stroke-width:1}.axis{stroke:#8c959f;stroke-width:1}
            .latency .bar{fill:var(--bar)}.latency .bar.skew{fill:var(--skew)}.latency .bar.over{fill:var(--over)}
            .mark{stroke:var(--ink);stroke-width:1.5}.mark-label{fill:var(--ink);font-weight:600}
            .limit{stroke:var(--fail);stroke-width:1.5;stroke-dasharray:5 3}svg .limit-label{fill:var(--fail);font-weight:600}
            .ztails .z-raw{fill:var(--z-raw)}.ztails .z-cvd{fill:var(--z-cvd)}
            footer{margin-top:28px;color:var(--muted);font-size:12px}
            """;
}
