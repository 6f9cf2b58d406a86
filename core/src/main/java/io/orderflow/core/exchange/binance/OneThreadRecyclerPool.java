package io.orderflow.core.exchange.binance;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;

/**
 * Jackson's parse buffers, kept for the one thread that uses a {@link BinanceParser}. Jackson's default
 * pool finds them through a {@code ThreadLocal}, once per parser created, so once per message: on a
 * Flink task thread, which carries many thread-locals, that lookup was 3 % of the source's time.
 * Not thread-safe, like the parser that owns it.
 */
final class OneThreadRecyclerPool implements RecyclerPool<BufferRecycler> {

    private static final long serialVersionUID = 1L;

    private transient BufferRecycler idle;

    @Override
    public BufferRecycler acquirePooled() {
        BufferRecycler recycler = idle;
        if (recycler == null) {
            return new BufferRecycler(); // a nested parse (a handler calling back) takes a second one
        }
        idle = null;
        return recycler;
    }

    @Override
    public void releasePooled(BufferRecycler recycler) {
        idle = recycler;
    }
}
