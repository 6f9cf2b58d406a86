package io.orderflow.core.replay;

import io.orderflow.core.exchange.binance.feed.RestAnswer;
import io.orderflow.core.exchange.binance.feed.RestPort;
import io.orderflow.core.replay.RecordedMessage.Kind;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Replay's {@link RestPort}: the feed's REST answers read from the recording. A depth snapshot is the
 * newest one recorded before the question and not used yet, else the next one recorded within
 * {@link #ANSWER_WINDOW_MS} after it (a recorder fetches on its own schedule; a capture holds the
 * answers the live feed got, right after the question). An aggTrades page is the one recorded for
 * that symbol and {@code fromId}. Without one, the port fails as a live request would.
 */
final class ReplayRestPort implements RestPort {

    /** As long as the live source waits for a REST answer (its request timeout). */
    static final long ANSWER_WINDOW_MS = 10_000;

    private final RecordedMessages messages;
    /** Snapshots read in their turn and not asked for yet, newest per symbol. */
    private final Map<String, RecordedMessage> passedSnapshots = new HashMap<>();

    ReplayRestPort(RecordedMessages messages) {
        this.messages = messages;
    }

    /** A snapshot reached in the recording's order: it waits for the feed to ask. */
    void passed(RecordedMessage snapshot) {
        passedSnapshots.put(snapshot.symbol(), snapshot);
    }

    @Override
    public RestAnswer depthSnapshot(String symbol, long nowMs) throws IOException {
        RecordedMessage snapshot = passedSnapshots.remove(symbol);
        if (snapshot == null) {
            snapshot = messages.takeRest(
                    m -> m.kind() == Kind.DEPTH_SNAPSHOT && symbol.equals(m.symbol()), windowEnd(nowMs));
        }
        if (snapshot == null) {
            throw new IOException("the recording holds no depth snapshot of " + symbol + " within "
                    + ANSWER_WINDOW_MS + " ms after " + nowMs);
        }
        return answer(snapshot);
    }

    @Override
    public RestAnswer aggTrades(String symbol, long fromId, long nowMs) throws IOException {
        RecordedMessage page = messages.takeRest(m -> m.kind() == Kind.AGG_TRADES && symbol.equals(m.symbol())
                && RestPaths.fromId(m.stream()) == fromId, windowEnd(nowMs));
        if (page == null) {
            throw new IOException("the recording holds no aggTrades page of " + symbol + " from id " + fromId);
        }
        return answer(page);
    }

    private static long windowEnd(long nowMs) {
        return (nowMs + ANSWER_WINDOW_MS) * 1_000_000L;
    }

    private static RestAnswer answer(RecordedMessage message) {
        return new RestAnswer(message.stream() == null ? "" : message.stream(), message.text(), message.receiveTimeMs());
    }
}
