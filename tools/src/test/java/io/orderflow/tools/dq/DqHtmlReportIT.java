package io.orderflow.tools.dq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.testkit.HeadlessChromium;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dq command's HTML page as a person sees it: opened from disk in headless Chromium, which must
 * draw a heatmap per symbol with the silent minute marked where it belongs, and the other pictures,
 * fetching nothing. The page is shot to {@code tools/target/dq-report.png} (the HTML copied beside
 * it), whether the checks pass or not: when they fail, the picture says why.
 */
class DqHtmlReportIT {

    private static final Path SCREENSHOT = Path.of("tools/target/dq-report.png").toAbsolutePath();
    private static final Instant NOW = Instant.parse("2026-03-02T13:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the page drew, measured in the page. */
    private static final String DRAWN = """
            (() => {
              const box = e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height}; };
              const heatmap = document.querySelector('svg.heatmap[data-symbol="BTCUSDT"]');
              const silent = heatmap.querySelector('rect.empty.trades[data-start="2026-03-02T10:04:00Z"]');
              const count = selector => document.querySelectorAll(selector).length;
              return JSON.stringify({
                heatmaps: Array.from(document.querySelectorAll('svg.heatmap')).map(s => s.dataset.symbol),
                latency: count('svg.latency'), ztails: count('svg.ztails'), events: count('svg.events rect'),
                smallestSvg: Math.min(...Array.from(document.querySelectorAll('svg')).map(s => box(s).width * box(s).height)),
                silent: silent && {box: box(silent), heatmap: box(heatmap), fill: getComputedStyle(silent).fill},
                failing: count('table.matrix .badge.fail'),
                fetched: performance.getEntriesByType('resource').length + count('[src], link, script'),
                overflows: document.documentElement.scrollWidth > innerWidth
              });
            })()""";

    @TempDir
    Path tmp;

    @Test
    void chromiumDrawsAHeatmapPerSymbolWithTheSilentMinuteMarkedAndEveryOtherPicture() throws Exception {
        SampleHarvest.write(tmp.resolve("data"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = DqCommand.run(new String[] {"--data", tmp.resolve("data").toString(), "--out",
                tmp.resolve("reports").toString()}, Clock.fixed(NOW, ZoneOffset.UTC),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(DqCommand.FAILED);
        Path html = tmp.resolve("reports/dq_20260302_1300.html");
        List<String> symbols = new ArrayList<>();
        JSON.readTree(tmp.resolve("reports/dq_20260302_1300.json").toFile()).get("symbols").fieldNames()
                .forEachRemaining(symbols::add);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(html, SCREENSHOT.resolveSibling("dq-report.html"), StandardCopyOption.REPLACE_EXISTING);

        try (HeadlessChromium chromium = HeadlessChromium.open(html.toUri().toString(), 1500, 1000, tmp)) {
            try {
                Awaitility.await("the page loaded").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> chromium.evaluate("document.readyState").asText().equals("complete"));
                JsonNode page = JSON.readTree(chromium.evaluate(DRAWN).asText());

                assertThat(page.get("heatmaps")).extracting(JsonNode::asText).containsExactlyElementsOf(symbols);
                JsonNode silent = page.get("silent");
                assertThat(silent.isNull()).as("BTCUSDT's silent minute 10:04 is marked").isFalse();
                // 10:04 is the fifth column of the second row (the first is 09:00, the span starts at 09:30).
                assertThat(silent.at("/box/x").asDouble() - silent.at("/heatmap/x").asDouble()).isEqualTo(SvgCharts.column(4));
                assertThat(silent.at("/box/y").asDouble() - silent.at("/heatmap/y").asDouble()).isEqualTo(SvgCharts.row(1));
                assertThat(silent.at("/box/width").asDouble()).isEqualTo(SvgCharts.CELL_WIDTH);
                assertThat(silent.at("/box/height").asDouble()).isEqualTo(SvgCharts.LANE_HEIGHT);
                assertThat(silent.get("fill").asText()).isEqualTo("rgb(214, 39, 40)");
                assertThat(page.get("latency").asInt()).isEqualTo(symbols.size());
                assertThat(page.get("ztails").asInt()).isEqualTo(symbols.size());
                assertThat(page.get("events").asInt()).isPositive();
                assertThat(page.get("smallestSvg").asDouble()).as("every picture has a size").isGreaterThan(10_000);
                assertThat(page.get("failing").asInt()).isPositive();
                assertThat(page.get("fetched").asInt()).as("resources the page loaded").isZero();
                assertThat(page.get("overflows").asBoolean()).as("wider than a 1500 px window").isFalse();
            } finally {
                Files.write(SCREENSHOT, chromium.fullPageScreenshot());
            }
        }
        byte[] png = Files.readAllBytes(SCREENSHOT);
        assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        assertThat(png.length).as("a page of pictures, not a blank one").isGreaterThan(50_000);
    }
}
