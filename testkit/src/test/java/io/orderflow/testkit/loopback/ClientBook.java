package io.orderflow.testkit.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.core.exchange.binance.MarketType;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A client's book kept by Binance's documented procedure (snapshot, then diffs), written here from
 * the documentation rather than taken from the project's book, so the two check each other.
 */
final class ClientBook {

    final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    private final MarketType market;
    private long lastUpdateId;
    private boolean synced;

    ClientBook(MarketType market, JsonNode snapshot) {
        this.market = market;
        this.lastUpdateId = snapshot.get("lastUpdateId").asLong();
        put(bids, snapshot.get("bids"));
        put(asks, snapshot.get("asks"));
    }

    /**
     * Applies a {@code depthUpdate}; false if it was dropped as older than the book.
     *
     * @throws IllegalStateException if the diff does not follow on from the book (a gap)
     */
    boolean apply(JsonNode diff) {
        long first = diff.get("U").asLong();
        long last = diff.get("u").asLong();
        boolean futures = market.isFutures();
        if (futures ? last < lastUpdateId : last <= lastUpdateId) {
            return false;
        }
        boolean follows;
        if (!synced) {
            follows = futures ? first <= lastUpdateId : first <= lastUpdateId + 1;
        } else {
            follows = futures ? diff.get("pu").asLong() == lastUpdateId : first == lastUpdateId + 1;
        }
        if (!follows) {
            throw new IllegalStateException("gap: book at " + lastUpdateId + ", diff " + diff);
        }
        synced = true;
        put(bids, diff.get("b"));
        put(asks, diff.get("a"));
        lastUpdateId = last;
        return true;
    }

    long lastUpdateId() {
        return lastUpdateId;
    }

    /** Best bid price, bid qty, ask price, ask qty, for comparison with a bookTicker. */
    String top() {
        Map.Entry<BigDecimal, BigDecimal> bid = bids.firstEntry();
        Map.Entry<BigDecimal, BigDecimal> ask = asks.firstEntry();
        return bid.getKey().toPlainString() + " " + bid.getValue().toPlainString() + " / "
                + ask.getKey().toPlainString() + " " + ask.getValue().toPlainString();
    }

    static String top(JsonNode bookTicker) {
        return new BigDecimal(bookTicker.get("b").asText()).toPlainString() + " "
                + new BigDecimal(bookTicker.get("B").asText()).toPlainString() + " / "
                + new BigDecimal(bookTicker.get("a").asText()).toPlainString() + " "
                + new BigDecimal(bookTicker.get("A").asText()).toPlainString();
    }

    private static void put(NavigableMap<BigDecimal, BigDecimal> side, JsonNode levels) {
        for (JsonNode level : levels) {
            BigDecimal price = new BigDecimal(level.get(0).asText());
            BigDecimal qty = new BigDecimal(level.get(1).asText());
            if (qty.signum() == 0) {
                side.remove(price);
            } else {
                side.put(price, qty);
            }
        }
    }
}
