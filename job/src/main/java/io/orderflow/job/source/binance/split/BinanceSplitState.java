package io.orderflow.job.source.binance.split;

import java.util.HashMap;
import java.util.Map;

/**
 * A split while its reader emits from it: the last trade id per symbol moves with every trade
 * emitted, in the task thread, so a checkpoint holds exactly what went out.
 */
public final class BinanceSplitState {

    private final BinanceSplit split;
    private final Map<String, LastId> lastTradeIds = new HashMap<>();

    public BinanceSplitState(BinanceSplit split) {
        this.split = split;
        split.lastTradeIds().forEach((symbol, id) -> lastTradeIds.put(symbol, new LastId(id)));
    }

    /** Called for every trade emitted: a map lookup and a store, no allocation after the first. */
    public void tradeEmitted(String symbol, long tradeId) {
        LastId last = lastTradeIds.get(symbol);
        if (last == null) {
            lastTradeIds.put(symbol, new LastId(tradeId));
        } else {
            last.id = tradeId;
        }
    }

    public BinanceSplit toSplit() {
        Map<String, Long> ids = new HashMap<>();
        lastTradeIds.forEach((symbol, last) -> ids.put(symbol, last.id));
        return split.withLastTradeIds(ids);
    }

    private static final class LastId {
        long id;

        LastId(long id) {
            this.id = id;
        }
    }
}
