package io.orderflow.job.source;

import io.orderflow.core.model.MarketEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event-time watermarks for any market source: timestamps are the exchange event time, watermarks
 * trail the newest event by a small bound (a symbol's events are nearly in order), and a split
 * that goes quiet is marked idle so it does not hold back the others. With a FLIP-27 source the
 * strategy runs per split: for the Binance source a connection, whose up to 200 streams' symbols
 * share one watermark (a symbol held back, by a deferred back-fill say, can fall behind it).
 */
public final class MarketWatermarks {

    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofMillis(200);
    public static final Duration DEFAULT_IDLENESS = Duration.ofSeconds(30);

    private MarketWatermarks() {}

    public static WatermarkStrategy<MarketEvent> create() {
        return create(DEFAULT_OUT_OF_ORDERNESS, DEFAULT_IDLENESS);
    }

    public static WatermarkStrategy<MarketEvent> create(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<MarketEvent>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((event, previous) -> event.eventTimeMs())
                .withIdleness(idleness);
    }
}
