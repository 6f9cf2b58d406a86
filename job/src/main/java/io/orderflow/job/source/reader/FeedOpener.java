package io.orderflow.job.source.reader;

import io.orderflow.core.feed.MarketFeed;
import java.io.IOException;

/** Opens the feed of a split at its first event; the reader skips what the split already emitted. */
@FunctionalInterface
public interface FeedOpener<S> {

    MarketFeed open(S split) throws IOException;
}
