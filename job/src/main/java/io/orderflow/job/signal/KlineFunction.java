package io.orderflow.job.signal;

import io.orderflow.core.model.KlineRow;
import io.orderflow.core.model.KlineUpdate;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.MetaJson;
import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import io.orderflow.core.signal.KlineBar;
import io.orderflow.core.signal.KlineTimeframe;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per symbol: 1m, 5m and 1h OHLCV bars over event-time tumbling windows of the exchange trade time.
 * A bar is emitted when the watermark passes its last millisecond (one event-time timer per open
 * bar), so the watermark's out-of-orderness bound is how long a bar waits for stragglers.
 *
 * <p>A trade whose one-minute bar has already been emitted is late: it is added to no bar at all, so
 * a 5m or 1h bar stays exactly the sum of its 1m bars. It is counted ({@code late_trades_total}) and
 * kept as a {@code late_trade} row of the {@code events} kind, through {@link #LATE_TRADES}.
 *
 * <p>A minute without trades has no bar, as on Binance.
 *
 * <p>With live output on, every bar also goes to {@link #LIVE_BARS}: while it forms, at most once a
 * second, and once when it closes, in that order on one output (two outputs could reach the live
 * sequencer in either order, and a forming update would then follow its closed bar).
 */
public class KlineFunction extends KeyedProcessFunction<String, Trade, KlineRow> {

    public static final OutputTag<MarketNotice> LATE_TRADES =
            new OutputTag<>("late-trades", TypeInformation.of(MarketNotice.class));

    /** Forming and closed bars for the live output, when it is on. */
    public static final OutputTag<KlineUpdate> LIVE_BARS =
            new OutputTag<>("live-bars", TypeInformation.of(KlineUpdate.class));

    static final String LATE_TRADES_METRIC = "late_trades_total";

    /**
     * Forming bars go out at the end of each second of event time in which a trade came, not each
     * second of processing time: the same trades then give the same updates, so a job restored from a
     * checkpoint sends again exactly the updates it had sent, and they get the sequence numbers they
     * had (processing-time updates would shift every later number of the stream). A second's end is
     * an event-time timer of the symbol, which Flink keeps once however many trades register it: no
     * state beyond the open bars. In a live run event time follows the clock, 200 ms behind.
     */
    private static final long FORMING_INTERVAL_MS = 1000;

    private static final KlineTimeframe[] TIMEFRAMES = KlineTimeframe.values();

    /** Open bars of each timeframe, by open time; indexed like {@link #TIMEFRAMES}. */
    private final boolean live;

    private transient MapState<Long, KlineBar>[] openBars;
    private transient Counter lateTrades;

    /** Without live output: closed bars only. */
    public KlineFunction() {
        this(false);
    }

    /** @param live also send forming and closed bars to {@link #LIVE_BARS} */
    public KlineFunction(boolean live) {
        this.live = live;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open(OpenContext openContext) {
        openBars = new MapState[TIMEFRAMES.length];
        for (int i = 0; i < TIMEFRAMES.length; i++) {
            openBars[i] = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                    "klines-" + TIMEFRAMES[i].label(), Types.LONG, TypeInformation.of(KlineBar.class)));
        }
        lateTrades = getRuntimeContext().getMetricGroup().counter(LATE_TRADES_METRIC);
    }

    @Override
    public void processElement(Trade trade, Context ctx, Collector<KlineRow> out) throws Exception {
        long time = trade.tradeTimeMs();
        long watermark = ctx.timerService().currentWatermark();
        if (KlineTimeframe.ONE_MINUTE.lastMilli(time) <= watermark) {
            lateTrades.inc();
            ctx.output(LATE_TRADES, lateTrade(trade, watermark));
            return;
        }
        for (int i = 0; i < TIMEFRAMES.length; i++) {
            long openTime = TIMEFRAMES[i].openTime(time);
            KlineBar bar = openBars[i].get(openTime);
            if (bar == null) {
                bar = new KlineBar();
                ctx.timerService().registerEventTimeTimer(TIMEFRAMES[i].lastMilli(time));
            }
            bar.add(time, trade.tradeId(), trade.price(), trade.qty(), trade.takerSide() == TakerSide.BUY);
            openBars[i].put(openTime, bar);
        }
        if (live) {
            // A bar's own timer falls on a second's end too: the two are one timer.
            ctx.timerService().registerEventTimeTimer(
                    Math.floorDiv(time, FORMING_INTERVAL_MS) * FORMING_INTERVAL_MS + FORMING_INTERVAL_MS - 1);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KlineRow> out) throws Exception {
        // Bars of several timeframes end together (every 5m bar ends with a 1m bar): emit shortest first.
        for (int i = 0; i < TIMEFRAMES.length; i++) {
            KlineTimeframe timeframe = TIMEFRAMES[i];
            boolean closes = timeframe.lastMilli(timestamp) == timestamp;
            long openTime = timeframe.openTime(timestamp);
            KlineBar bar = closes || live ? openBars[i].get(openTime) : null;
            if (bar == null) {
                continue;
            }
            KlineRow row = bar.toRow(openTime, ctx.getCurrentKey(), timeframe);
            if (closes) {
                out.collect(row);
                openBars[i].remove(openTime);
            }
            if (live) {
                ctx.output(LIVE_BARS, new KlineUpdate(row, closes));
            }
        }
    }

    private static MarketNotice lateTrade(Trade trade, long watermark) {
        String meta = MetaJson.of(trade.symbol())
                .put("trade_id", trade.tradeId())
                .put("trade_ts_ms", trade.tradeTimeMs())
                .put("price", trade.price())
                .put("qty", trade.qty())
                .put("taker_side", trade.takerSide().name().toLowerCase(Locale.ROOT))
                .put("watermark_ms", watermark)
                .put("behind_watermark_ms", watermark - trade.tradeTimeMs())
                .toString();
        return new MarketNotice(trade.symbol(), trade.tradeTimeMs(), MarketNotice.LATE_TRADE, meta);
    }
}
