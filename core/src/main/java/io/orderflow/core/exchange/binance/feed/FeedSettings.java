package io.orderflow.core.exchange.binance.feed;

import io.orderflow.core.exchange.binance.MarketType;
import java.io.Serializable;
import java.time.Duration;

/**
 * How a {@link BinanceFeed} treats its messages; the same for live and replay but for
 * {@code capture}.
 *
 * @param market whose book rules apply
 * @param bookLevels K, the levels of every book emitted
 * @param dedupCapacity recent trade ids remembered per symbol to drop duplicates
 * @param bookSyncTimeout a symbol's book not synced this long after its first diff is reported
 *     ({@code book_unsynced})
 * @param capture also emit every message and REST answer as a raw frame
 */
public record FeedSettings(MarketType market, int bookLevels, int dedupCapacity, Duration bookSyncTimeout,
        boolean capture) implements Serializable {

    public static final int DEFAULT_DEDUP_CAPACITY = 100_000;
    public static final Duration DEFAULT_BOOK_SYNC_TIMEOUT = Duration.ofSeconds(30);

    public FeedSettings {
        if (bookLevels < 1 || dedupCapacity < 1 || bookSyncTimeout.isNegative() || bookSyncTimeout.isZero()) {
            throw new IllegalArgumentException("need bookLevels >= 1, dedupCapacity >= 1 and a positive"
                    + " bookSyncTimeout, got " + bookLevels + ", " + dedupCapacity + ", " + bookSyncTimeout);
        }
    }

    /** Replay's: the defaults, no capture. */
    public static FeedSettings replay(MarketType market, int bookLevels) {
        return new FeedSettings(market, bookLevels, DEFAULT_DEDUP_CAPACITY, DEFAULT_BOOK_SYNC_TIMEOUT, false);
    }
}
