package io.orderflow.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's HTTP side for a client (docs/server.md): {@code /history}, page after page, and
 * {@code /incremental}, over the JDK's HTTP client. Safe to use from any thread. A row that cannot be
 * decoded is counted ({@link #skippedRows()}) and skipped; a failed request is a
 * {@link ServerRequestException} naming the URL and the server's error.
 */
public final class HistoryClient {

    /** 429s asked again before one becomes the caller's {@link ServerRequestException}. */
    static final int RATE_LIMITED_RETRIES = 3;

    private final HttpClient http;
    private final ClientSettings settings;
    private final LongAdder skippedRows = new LongAdder();
    private final LongAdder rateLimitedRetries = new LongAdder();

    public HistoryClient(ClientSettings settings) {
        this(settings, HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build());
    }

    HistoryClient(ClientSettings settings, HttpClient http) {
        this.settings = settings;
        this.http = http;
    }

    /**
     * Every row of {@code stream} with {@code fromMs <= ts_ms < toMs}, in event-time order. A full page
     * ({@code count == limit}) is followed by another from its last {@code ts_ms}; the rows of that
     * millisecond come again, and those already had are dropped.
     */
    public List<Row> rows(String stream, long fromMs, long toMs) {
        List<Row> rows = new ArrayList<>();
        List<Row> atFrom = List.of(); // the rows had at the page's first millisecond
        long from = Math.max(0, fromMs);
        while (from < toMs) {
            HistoryPage page = page(stream, from, toMs, settings.historyPageLimit());
            List<Row> repeated = new ArrayList<>(atFrom);
            int added = 0;
            for (Row row : page.rows()) {
                if (row.tsMs() != from || !repeated.remove(row)) {
                    rows.add(row);
                    added++;
                }
            }
            if (page.count() < settings.historyPageLimit()) {
                break;
            }
            long last = page.rows().isEmpty() ? from : page.rows().get(page.rows().size() - 1).tsMs();
            if (added == 0 && last == from) {
                throw new ServerRequestException(historyUrl(stream, from, toMs, settings.historyPageLimit()), 200,
                        "a whole page of rows at ts_ms " + from + ": raise the history page limit", null);
            }
            atFrom = page.rows().stream().filter(row -> row.tsMs() == last).toList();
            from = last;
        }
        return rows;
    }

    /** The closed bars of {@code symbol} and {@code timeframe} with {@code fromMs <= ts_ms < toMs}. */
    public List<Kline> klines(String symbol, Timeframe timeframe, long fromMs, long toMs) {
        List<Row> rows = rows(Signal.klineStream(symbol, timeframe), fromMs, toMs);
        List<Kline> bars = new ArrayList<>(rows.size());
        for (Row row : rows) {
            bars.add((Kline) row); // a kline stream's schema makes klines only
        }
        return bars;
    }

    /** One page of {@code /history}: at most {@code limit} rows with {@code fromMs <= ts_ms < toMs}. */
    public HistoryPage page(String stream, long fromMs, long toMs, int limit) {
        RowSchema<?> schema = schemaOf(stream);
        URI url = historyUrl(stream, fromMs, toMs, limit);
        List<Row> rows = new ArrayList<>();
        RowDecoder decoder = new RowDecoder();
        Envelope envelope = read(url, get(url, 200), p -> rows.add(decoder.readRow(schema, p)));
        return new HistoryPage(stream, (int) envelope.number(url, "count"), rows, envelope.fingerprints());
    }

    /** {@code /incremental}: up to {@code limit} (1 to 1,000) rows of {@code stream} after {@code fromSeq}. */
    public Incremental incremental(String stream, long fromSeq, int limit) {
        schemaOf(stream);
        URI url = url("/incremental?stream=" + encode(stream) + "&from=" + fromSeq + "&limit=" + limit);
        HttpResponse<String> response = get(url, 410);
        if (response.statusCode() == 410) {
            Envelope gone = read(url, response, p -> p.skipChildren());
            return new Incremental.Gone(stream, gone.number(url, "oldest_seq"), gone.number(url, "oldest_ts_ms"));
        }
        List<LiveMessage> messages = new ArrayList<>();
        RowDecoder decoder = new RowDecoder();
        Envelope page = read(url, response, p -> messages.add(decoder.readMessage(p)));
        return new Incremental.Rows(stream, page.number(url, "latest"), page.number(url, "next"), messages);
    }

    /** Rows of history pages and incremental answers that could not be decoded, since this client was made. */
    public long skippedRows() {
        return skippedRows.sum();
    }

    /** Requests asked again after a 429. */
    public long rateLimitedRetries() {
        return rateLimitedRetries.sum();
    }

    private URI historyUrl(String stream, long fromMs, long toMs, int limit) {
        return url("/history?stream=" + encode(stream) + "&from_ms=" + fromMs + "&to_ms=" + toMs + "&limit=" + limit);
    }

    /** An endpoint below the history URL, whose own path (a proxy's prefix) is kept. */
    private URI url(String pathAndQuery) {
        String base = settings.historyUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery);
    }

    /**
     * The answer if its status is 200 or {@code alsoExpected}; otherwise the server's error as an
     * exception. A 429 (more requests per second than the server takes from one IP, as a backtest
     * stepping many keys can send) is asked again after its {@code Retry-After}, a few times.
     */
    private HttpResponse<String> get(URI url, int alsoExpected) {
        HttpResponse<String> response;
        int rateLimited = 0;
        try {
            while (true) {
                response = http.send(HttpRequest.newBuilder(url).timeout(settings.requestTimeout()).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 429 || ++rateLimited > RATE_LIMITED_RETRIES) {
                    break;
                }
                rateLimitedRetries.increment();
                Thread.sleep(retryAfterMillis(response));
            }
        } catch (IOException e) {
            throw new ServerRequestException(url, 0, e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerRequestException(url, 0, "interrupted", e);
        }
        int status = response.statusCode();
        if (status != 200 && status != alsoExpected) {
            throw new ServerRequestException(url, status, serverError(response.body()), null);
        }
        return response;
    }

    /** The wait a 429 asks for: its {@code Retry-After} in seconds (the server says 1), at most 10 s. */
    private static long retryAfterMillis(HttpResponse<String> response) {
        long seconds;
        try {
            seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
        } catch (NumberFormatException dateOrJunk) {
            seconds = 1;
        }
        return Math.min(Math.max(seconds, 0), 10) * 1_000 + 50;
    }

    /** The {@code error} of a JSON error answer, or the start of whatever else came. */
    private static String serverError(String body) {
        try (JsonParser p = RowDecoder.JSON.createParser(body)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    if (p.currentName().equals("error") && p.nextToken() == JsonToken.VALUE_STRING) {
                        return p.getText();
                    }
                    p.nextToken();
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            // not JSON: the text itself says more
        }
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }

    @FunctionalInterface
    private interface ElementReader {
        /** Reads the element whose first token is current, leaving the parser on its last token. */
        void read(JsonParser p) throws IOException;
    }

    /** An answer's whole-number fields by name and its {@code fingerprints}. */
    private record Envelope(Map<String, Long> numbers, List<String> fingerprints) {
        long number(URI url, String name) {
            Long value = numbers.get(name);
            if (value == null) {
                throw new ServerRequestException(url, 200, "the answer has no whole number '" + name + "'", null);
            }
            return value;
        }
    }

    /**
     * Reads an answer's object with the streaming parser: its whole numbers and fingerprints, and each
     * element of {@code data} through {@code element}; an element that cannot be decoded is counted and skipped.
     */
    private Envelope read(URI url, HttpResponse<String> response, ElementReader element) {
        Map<String, Long> numbers = new HashMap<>();
        List<String> fingerprints = new ArrayList<>();
        try (JsonParser p = RowDecoder.JSON.createParser(response.body())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ServerRequestException(url, response.statusCode(), "the answer is not a JSON object", null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NUMBER_INT) {
                    numbers.put(name, p.getLongValue());
                } else if (value == JsonToken.START_ARRAY && (name.equals("data") || name.equals("fingerprints"))) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (name.equals("fingerprints")) {
                            fingerprints.add(p.getValueAsString());
                        } else {
                            readElement(p, element);
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new ServerRequestException(url, response.statusCode(), "the answer is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string failed", e);
        }
        return new Envelope(numbers, fingerprints);
    }

    private void readElement(JsonParser p, ElementReader element) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            skippedRows.increment();
            return;
        }
        try {
            element.read(p);
        } catch (RowFormatException e) {
            skippedRows.increment(); // the decoder leaves the parser at the element's end: go on with the next
        }
    }

    private static RowSchema<?> schemaOf(String stream) {
        RowSchema<?> schema = Signal.schemaOf(stream);
        if (schema == null || stream.indexOf('@') <= 0) {
            throw new IllegalArgumentException("not a stream the client knows: '" + stream + "'");
        }
        return schema;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
