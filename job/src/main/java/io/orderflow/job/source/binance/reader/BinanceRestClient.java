package io.orderflow.job.source.binance.reader;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.feed.RequestDeferred;
import io.orderflow.core.exchange.binance.feed.RestAnswer;
import io.orderflow.core.exchange.binance.feed.RestPort;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed's {@link RestPort}: the two REST calls the source makes, a depth snapshot to
 * (re)sync a book, and a page of aggregate trades to back-fill (tried again, twice as long apart each
 * time, for up to {@value #AGG_TRADES_RETRY_WINDOW_MS} ms: a trade given up is a gap in the history,
 * while the exchange keeps its trades for days). Shared by a reader's connections, within the
 * reader's share of Binance's per-IP budget: a call the budget cannot pay for now is not made but
 * deferred ({@link RequestDeferred}), since the caller serves a whole connection's symbols.
 */
final class BinanceRestClient implements RestPort {

    private static final Logger LOG = LoggerFactory.getLogger(BinanceRestClient.class);

    /** Deep enough that levels deleted from the top are refilled from the snapshot. */
    static final int SNAPSHOT_LIMIT = 1000;
    /** The most Binance returns per page. */
    static final int AGG_TRADES_LIMIT = 1000;
    static final long AGG_TRADES_RETRY_WINDOW_MS = 20_000;
    static final long AGG_TRADES_FIRST_PAUSE_MS = 200;
    static final long AGG_TRADES_MAX_PAUSE_MS = 4_000;

    /**
     * Request weights per market (Binance's 2026 tables, at the limits used here; coin-M's depth and
     * aggTrades weights are its own docs', its per-IP budget taken as USD-M's).
     *
     * @param weightPerMinute the per-IP budget
     */
    private record Weights(int depth, int aggTrades, int weightPerMinute) {

        static Weights of(MarketType market) {
            return market == MarketType.SPOT ? new Weights(50, 2, 6000) : new Weights(20, 20, 2400);
        }
    }

    private final HttpClient http;
    private final String baseUrl;
    private final Duration timeout;
    private final MarketType market;
    private final Weights weights;
    private final RestWeightLimiter limiter;

    /** @param readers how many readers share the exchange's per-IP budget */
    BinanceRestClient(HttpClient http, String baseUrl, MarketType market, Duration timeout, int readers) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.market = market;
        this.weights = Weights.of(market);
        this.limiter = new RestWeightLimiter(Math.max(1, weights.weightPerMinute() / readers));
    }

    /**
     * Made only if the budget holds its weight now, else {@link RequestDeferred}: the book buffers its
     * diffs and asks again, while the connection's other symbols go on (a start at hundreds of
     * symbols asks for more snapshots than minutes of budget allow).
     */
    @Override
    public RestAnswer depthSnapshot(String symbol, long nowMs) throws IOException {
        String pathAndQuery = market.depthPath() + "?symbol=" + symbol + "&limit=" + SNAPSHOT_LIMIT;
        spend(pathAndQuery, weights.depth());
        return send(pathAndQuery);
    }

    /**
     * Aggregate trades from {@code fromId} (inclusive) on, oldest first. Each attempt is made only if
     * the budget holds its weight now, else {@link RequestDeferred}, the first one as a later one: the
     * sequencer holds the symbol's live trades and asks again, while the connection's other symbols
     * go on (a reconnect at hundreds of symbols asks for more pages than minutes of budget allow). A
     * failed attempt is still tried again after a pause, in this thread: failures are rare, and the
     * pauses are bounded by the retry window.
     */
    @Override
    public RestAnswer aggTrades(String symbol, long fromId, long nowMs) throws IOException {
        String pathAndQuery = market.aggTradesPath() + "?symbol=" + symbol + "&fromId=" + fromId + "&limit="
                + AGG_TRADES_LIMIT;
        long giveUpAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AGG_TRADES_RETRY_WINDOW_MS);
        long pauseMs = AGG_TRADES_FIRST_PAUSE_MS;
        for (int attempt = 1; ; attempt++) {
            spend(pathAndQuery, weights.aggTrades());
            try {
                return send(pathAndQuery);
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMs) >= giveUpAtNanos) {
                    throw new IOException(attempt + " attempt(s) in " + AGG_TRADES_RETRY_WINDOW_MS
                            + " ms failed, the last one with " + e.getMessage(), e);
                }
                LOG.info("back-fill request {} failed ({}), trying again in {} ms", pathAndQuery, e.toString(),
                        pauseMs);
                pause(pauseMs);
                pauseMs = Math.min(2 * pauseMs, AGG_TRADES_MAX_PAUSE_MS);
            }
        }
    }

    /** Spends the request's weight if the budget holds it now, else defers the request. */
    private void spend(String pathAndQuery, int weight) throws RequestDeferred {
        long waitNanos = limiter.tryAcquire(weight, System.nanoTime());
        if (waitNanos > 0) {
            throw new RequestDeferred(pathAndQuery, TimeUnit.NANOSECONDS.toMillis(waitNanos) + 1);
        }
    }

    /** The request, its weight already spent. */
    private RestAnswer send(String pathAndQuery) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(timeout).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 429 || status == 418) {
                long seconds = response.headers().firstValueAsLong("Retry-After").orElse(60);
                limiter.pause(seconds, System.nanoTime());
            }
            if (status != 200) {
                throw new IOException("HTTP " + status + " from " + pathAndQuery + ": " + abbreviate(response.body()));
            }
            return new RestAnswer(pathAndQuery, response.body(), System.currentTimeMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for " + pathAndQuery);
        }
    }

    private static void pause(long ms) throws InterruptedIOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted between back-fill attempts");
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }
}
