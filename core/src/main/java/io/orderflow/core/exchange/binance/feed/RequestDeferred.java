package io.orderflow.core.exchange.binance.feed;

import java.io.IOException;

/**
 * A {@link RestPort} call not made because the exchange's request budget is spent for now: asking
 * again after {@link #retryAfterMs()} finds it earned back. A live port throws it rather than wait
 * for the budget, since the feed's caller processes a whole connection's messages: waiting would
 * stall every symbol of the connection behind one book's snapshot or one symbol's back-fill page (at
 * hundreds of symbols, a start-up's snapshots, or a reconnect's back-fills, alone spend the budget
 * of minutes). The book buffers its diffs meanwhile, the trade sequencer holds its symbol's trades.
 */
public final class RequestDeferred extends IOException {

    private final long retryAfterMs;

    public RequestDeferred(String request, long retryAfterMs) {
        super(request + " deferred " + retryAfterMs + " ms: the request budget is spent", null);
        this.retryAfterMs = retryAfterMs;
    }

    public long retryAfterMs() {
        return retryAfterMs;
    }
}
