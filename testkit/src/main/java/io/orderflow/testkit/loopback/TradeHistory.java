package io.orderflow.testkit.loopback;

import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} trades of one symbol, for REST {@code aggTrades}. Ids are contiguous, so
 * a trade's slot follows from its id. Kept as primitive columns (about 25 bytes a trade) that grow
 * on demand, since a long demo run fills a million slots per symbol.
 */
final class TradeHistory {

    private static final int INITIAL_SLOTS = 1024;

    private final String symbol;
    private final int capacity;
    private long[] eventTimes = new long[0];
    private long[] tradeTimes = new long[0];
    private double[] prices = new double[0];
    private double[] qtys = new double[0];
    private boolean[] buyerMakers = new boolean[0];

    private long firstEverId = -1;
    private long oldestId = -1;
    private long lastId = -1;

    TradeHistory(String symbol, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("trade history capacity must be positive, got " + capacity);
        }
        this.symbol = symbol;
        this.capacity = capacity;
    }

    void add(Trade trade) {
        if (lastId >= 0 && trade.tradeId() != lastId + 1) {
            throw new IllegalArgumentException(
                    "trade ids must be contiguous: " + trade.tradeId() + " after " + lastId);
        }
        if (lastId < 0) {
            firstEverId = trade.tradeId();
            oldestId = trade.tradeId();
        }
        lastId = trade.tradeId();
        if (size() > capacity) {
            oldestId++;
        } else if (size() > prices.length) {
            grow(Math.min(capacity, Math.max(INITIAL_SLOTS, 2 * prices.length)));
        }
        int slot = slot(lastId);
        eventTimes[slot] = trade.eventTimeMs();
        tradeTimes[slot] = trade.tradeTimeMs();
        prices[slot] = trade.price();
        qtys[slot] = trade.qty();
        buyerMakers[slot] = trade.takerSide() == TakerSide.SELL;
    }

    /**
     * Up to {@code limit} trades from {@code fromId} on, ascending. A {@code fromId} older than the
     * history starts at the oldest trade kept, like an exchange that has pruned its archive.
     */
    List<Trade> from(long fromId, int limit) {
        List<Trade> page = new ArrayList<>();
        for (long id = Math.max(fromId, oldestId); id <= lastId && page.size() < limit; id++) {
            page.add(get(id));
        }
        return page;
    }

    /** The most recent {@code limit} trades, ascending. */
    List<Trade> latest(int limit) {
        return from(lastId - limit + 1, limit);
    }

    /** The first id ever added, or -1 before any trade. */
    long firstEverId() {
        return firstEverId;
    }

    /** The last id added, or -1 before any trade. */
    long lastId() {
        return lastId;
    }

    private long size() {
        return lastId < 0 ? 0 : lastId - oldestId + 1;
    }

    private int slot(long id) {
        return (int) Math.floorMod(id, (long) prices.length);
    }

    private Trade get(long id) {
        int slot = slot(id);
        return new Trade(symbol, eventTimes[slot], tradeTimes[slot], eventTimes[slot], prices[slot],
                qtys[slot], id, TakerSide.fromBuyerIsMaker(buyerMakers[slot]));
    }

    /** Re-slots the kept trades (slots depend on the length) into longer columns. */
    private void grow(int slots) {
        long keptFrom = oldestId;
        long keptTo = lastId - 1;
        long[] oldEvents = eventTimes;
        long[] oldTimes = tradeTimes;
        double[] oldPrices = prices;
        double[] oldQtys = qtys;
        boolean[] oldMakers = buyerMakers;
        int oldLength = oldPrices.length;
        eventTimes = new long[slots];
        tradeTimes = new long[slots];
        prices = new double[slots];
        qtys = new double[slots];
        buyerMakers = new boolean[slots];
        for (long id = keptFrom; id <= keptTo; id++) {
            int from = (int) Math.floorMod(id, (long) oldLength);
            int to = slot(id);
            eventTimes[to] = oldEvents[from];
            tradeTimes[to] = oldTimes[from];
            prices[to] = oldPrices[from];
            qtys[to] = oldQtys[from];
            buyerMakers[to] = oldMakers[from];
        }
    }
}
