package io.orderflow.tools.dq;

import static io.orderflow.tools.dq.SvgCharts.CELL_WIDTH;
import static io.orderflow.tools.dq.SvgCharts.LANE_HEIGHT;
import static io.orderflow.tools.dq.SvgCharts.column;
import static io.orderflow.tools.dq.SvgCharts.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.OfiRow;
import io.orderflow.core.model.PriceRow;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.sink.RowKinds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The HTML page the dq command writes beside its JSON, read as the XML it also is: a heatmap per
 * symbol with each empty minute marked in its hour's row and its minute's column, the other
 * pictures, text from the data escaped, and nothing that would fetch from anywhere.
 */
class HtmlReportTest {

    private static final Instant NOW = Instant.parse("2026-03-02T13:00:00Z");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    /** An empty-minute mark: where it starts, how long it is, and where it is drawn. */
    record Mark(String start, int minutes, int x, int y, int width) {}

    @Test
    void everySymbolHasAHeatmapWithEachEmptyMinuteMarkedInItsHourRowAndMinuteColumn() throws Exception {
        SampleHarvest.write(dir.resolve("data"));

        Document page = xml(run());

        assertThat(strings(page, "//svg[@class='heatmap']/@data-symbol")).containsExactlyElementsOf(SampleHarvest.SYMBOLS);
        // Rows are the hours from 09:00 (the span starts at 09:30), so 10:04 is row 1, column 4.
        assertThat(marks(page, "BTCUSDT", "trades")).containsExactly(
                new Mark("2026-03-02T10:04:00Z", 1, column(4), row(1), CELL_WIDTH),
                new Mark("2026-03-02T11:20:00Z", 7, column(20), row(2), 7 * CELL_WIDTH));
        assertThat(marks(page, "BTCUSDT", "books")).containsExactly(
                new Mark("2026-03-02T11:21:00Z", 5, column(21), row(2) + LANE_HEIGHT, 5 * CELL_WIDTH));
        assertThat(marks(page, "ETHUSDT", "books")).containsExactly(
                new Mark("2026-03-02T12:10:00Z", 3, column(10), row(3) + LANE_HEIGHT, 3 * CELL_WIDTH));
        assertThat(marks(page, "ETHUSDT", "trades")).isEmpty();
        assertThat(marks(page, "SOLUSDT", "trades")).isEmpty();
        assertThat(marks(page, "SOLUSDT", "books")).isEmpty();
        // Before 09:30 and after 12:29 is outside the span, not empty.
        assertThat(strings(page, "//svg[@data-symbol='BTCUSDT']/rect[@class='outside']/@x"))
                .containsExactly(Integer.toString(column(0)), Integer.toString(column(30)));

        assertThat(strings(page, "//svg[@class='latency']/@data-symbol")).containsExactlyElementsOf(SampleHarvest.SYMBOLS);
        assertThat(strings(page, "//svg[@class='ztails']/@data-symbol")).containsExactlyElementsOf(SampleHarvest.SYMBOLS);
        assertThat(strings(page, "//svg[@class='events']/rect/@class")).isNotEmpty();
        // SOLUSDT's trades received 350 ms before their event time are counted apart, in the first bucket.
        assertThat(strings(page, "//svg[@data-symbol='SOLUSDT']/rect[@class='bar skew']/title"))
                .anyMatch(title -> title.startsWith("< −200 ms: 4 trades"));
        assertThat(strings(page, "//table[@class='matrix']/tbody/tr[1]/td/span[1]")).contains("fail");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("dq: pictures in " + html());
    }

    @Test
    void textFromTheDataIsEscapedAndThePageFetchesNothing() throws Exception {
        String source = "<script>alert('x')</script> & \"co\"";
        String symbol = "A<B>&C";
        List<PriceRow> trades = new ArrayList<>();
        List<OfiRow> books = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            long t = SampleHarvest.T0 + k * 10_000L;
            trades.add(new PriceRow(t, t, symbol, 100, 1, k, 10, 0.1));
            books.add(new OfiRow(t, symbol, 0.1, 0.2, 3, "normal", 0.05, false, false, 99.5, 100.5, 0.3));
        }
        HarvestWriter writer = new HarvestWriter(dir.resolve("data"));
        writer.write(RowKinds.PRICES, OrderflowConfig.defaults(), source, trades);
        writer.write(RowKinds.OFI, OrderflowConfig.defaults(), source, books);

        String html = run();

        assertThat(html).doesNotContain("<script", "src=", "url(", "@import", "<link", "<iframe")
                .doesNotContainPattern("(?i)(https?|ftp)://")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;")
                .contains("A&lt;B&gt;&amp;C");
        Document page = xml(html);
        assertThat(strings(page, "//svg[@class='heatmap']/@data-symbol")).containsExactly(symbol);
    }

    private String run() throws Exception {
        int status = DqCommand.run(new String[] {"--data", dir.resolve("data").toString(),
                "--out", dir.resolve("reports").toString()}, Clock.fixed(NOW, ZoneOffset.UTC),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertThat(status).isNotEqualTo(DqCommand.BAD_INPUT);
        return Files.readString(html());
    }

    private Path html() {
        return dir.resolve("reports/dq_20260302_1300.html");
    }

    static Document xml(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    }

    private static List<String> strings(Document page, String xpath) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, page, XPathConstants.NODESET);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent());
        }
        return values;
    }

    private static List<Mark> marks(Document page, String symbol, String kind) throws Exception {
        NodeList rects = (NodeList) XPathFactory.newInstance().newXPath().evaluate(
                "//svg[@class='heatmap' and @data-symbol='" + symbol + "']/rect[@class='empty " + kind + "']",
                page, XPathConstants.NODESET);
        List<Mark> marks = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            marks.add(new Mark(rect.getAttribute("data-start"), Integer.parseInt(rect.getAttribute("data-minutes")),
                    Integer.parseInt(rect.getAttribute("x")), Integer.parseInt(rect.getAttribute("y")),
                    Integer.parseInt(rect.getAttribute("width"))));
        }
        return marks;
    }
}
