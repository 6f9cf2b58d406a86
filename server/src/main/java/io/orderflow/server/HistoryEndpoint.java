package io.orderflow.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code GET /history}: a stream's rows by event time, the committed Parquet first, then the ring's
 * rows newer than the last committed one returned (those not committed yet), so none comes twice.
 * Forming klines are live-only and never in history.
 */
final class HistoryEndpoint {

    static final int DEFAULT_LIMIT = 10_000;
    static final int MAX_LIMIT = 100_000;

    /** A page of history: committed rows (columns and values) and the live rows after them. */
    record Page(String stream, long fromMs, long toMs, ParquetHistory.Rows committed, List<LiveMessage> live) {
        int count() {
            return committed.rows().size() + live.size();
        }
    }

    private final ParquetHistory parquet;
    private final StreamRegistry registry;
    private final ObjectMapper json;

    HistoryEndpoint(ParquetHistory parquet, StreamRegistry registry, ObjectMapper json) {
        this.parquet = parquet;
        this.registry = registry;
        this.json = json;
    }

    Page read(String stream, long fromMs, long toMs, int limit) throws SQLException {
        ParquetHistory.Rows committed = parquet.read(stream, fromMs, toMs, limit);
        List<LiveMessage> live = new ArrayList<>();
        LiveStream ring = registry.find(stream);
        if (ring != null && committed.rows().size() < limit) {
            long after = lastTime(committed);
            boolean kline = StreamNames.isKline(stream);
            for (LiveMessage m : ring.rows()) {
                if (live.size() + committed.rows().size() == limit) {
                    break;
                }
                boolean forming = kline && m.conflatable();
                if (!forming && m.tsMs() >= fromMs && m.tsMs() < toMs && m.tsMs() > after) {
                    live.add(m);
                }
            }
        }
        return new Page(stream, fromMs, toMs, committed, live);
    }

    String toJson(Page page) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("stream", page.stream());
            g.writeNumberField("from_ms", page.fromMs());
            g.writeNumberField("to_ms", page.toMs());
            g.writeNumberField("count", page.count());
            g.writeNumberField("committed", page.committed().rows().size());
            g.writeNumberField("live", page.live().size());
            g.writeArrayFieldStart("fingerprints");
            for (String f : page.committed().fingerprints()) {
                g.writeString(f);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("data");
            List<String> columns = page.committed().columns();
            for (Object[] row : page.committed().rows()) {
                g.writeStartObject();
                for (int c = 0; c < row.length; c++) {
                    g.writeFieldName(columns.get(c));
                    g.writeObject(row[c]);
                }
                g.writeEndObject();
            }
            for (LiveMessage m : page.live()) {
                g.writeRawValue(dataOf(m)); // the row as the job encoded it
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toString();
    }

    /** A header line of the committed columns (or, with none, the live rows' fields), then the rows. */
    String toCsv(Page page) throws IOException {
        List<String> columns = new ArrayList<>(page.committed().columns());
        List<JsonNode> live = new ArrayList<>(page.live().size());
        for (LiveMessage m : page.live()) {
            live.add(json.readTree(dataOf(m)));
        }
        if (columns.isEmpty() && !live.isEmpty()) {
            live.get(0).fieldNames().forEachRemaining(columns::add);
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, columns.iterator());
        for (Object[] row : page.committed().rows()) {
            List<String> cells = new ArrayList<>(row.length);
            for (Object value : row) {
                cells.add(value == null ? "" : value.toString());
            }
            appendLine(out, cells.iterator());
        }
        for (JsonNode row : live) {
            List<String> cells = new ArrayList<>(columns.size());
            for (String column : columns) {
                JsonNode value = row.get(column);
                cells.add(value == null || value.isNull() ? "" : value.asText());
            }
            appendLine(out, cells.iterator());
        }
        return out.toString();
    }

    private static long lastTime(ParquetHistory.Rows committed) {
        int ts = committed.columns().indexOf("ts_ms");
        if (committed.rows().isEmpty() || ts < 0) {
            return Long.MIN_VALUE;
        }
        return ((Number) committed.rows().get(committed.rows().size() - 1)[ts]).longValue();
    }

    /** The {@code data} object of a message: the job writes it third and last (live-protocol.md). */
    private static String dataOf(LiveMessage m) {
        String text = m.text();
        return text.substring(text.indexOf(",\"data\":") + 8, text.length() - 1);
    }

    private static void appendLine(StringBuilder out, Iterator<String> cells) {
        boolean first = true;
        while (cells.hasNext()) {
            String cell = cells.next();
            out.append(first ? "" : ",");
            first = false;
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0) {
                out.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                out.append(cell);
            }
        }
        out.append('\n');
    }
}
