package io.orderflow.core.exchange.binance.feed;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trade ids of one symbol already emitted, to drop duplicates (a trade seen live and in a
 * back-fill, or twice around a reconnect): the {@code capacity} most recent ids, plus a horizon at
 * or below which every id counts as seen. The horizon is the newest id ever evicted (ids only grow,
 * so anything older is old news) or, after a restore, the last id emitted before it.
 */
public final class RecentIds {

    private final Map<Long, Boolean> recent;
    private long horizon;

    /** @param horizon ids at or below it count as seen; -1 for none */
    public RecentIds(int capacity, long horizon) {
        this.horizon = horizon;
        this.recent = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                RecentIds.this.horizon = Math.max(RecentIds.this.horizon, eldest.getKey());
                return true;
            }
        };
    }

    public boolean contains(long id) {
        return id <= horizon || recent.containsKey(id);
    }

    public void add(long id) {
        recent.put(id, Boolean.TRUE);
    }
}
