package io.orderflow.job.source.binance.reader;

import io.orderflow.core.model.MarketEvent;
import io.orderflow.job.source.binance.split.BinanceSplitState;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/**
 * Emits an event with its exchange time as the record timestamp, and moves the split's last trade
 * id with every trade, in the task thread: the checkpointed id is exactly the last trade emitted.
 */
final class BinanceRecordEmitter implements RecordEmitter<MarketEvent, MarketEvent, BinanceSplitState> {

    @Override
    public void emitRecord(MarketEvent event, SourceOutput<MarketEvent> output, BinanceSplitState state) {
        if (event.trade() != null) {
            state.tradeEmitted(event.trade().symbol(), event.trade().tradeId());
        }
        output.collect(event, event.eventTimeMs());
    }
}
