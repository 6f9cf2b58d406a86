package io.orderflow.job.source.binance.reader;

import io.orderflow.core.model.MarketEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;

/** What a hand-off holds, taken out in order, for tests of what goes into it. */
final class HandoffDrain {

    private HandoffDrain() {}

    static List<MarketEvent> drain(Handoff handoff) throws InterruptedException {
        RecordsBySplits.Builder<MarketEvent> builder = new RecordsBySplits.Builder<>();
        handoff.drainTo(builder, Integer.MAX_VALUE, Duration.ZERO);
        RecordsBySplits<MarketEvent> records = builder.build();
        List<MarketEvent> events = new ArrayList<>();
        while (records.nextSplit() != null) {
            MarketEvent event;
            while ((event = records.nextRecordFromSplit()) != null) {
                events.add(event);
            }
        }
        return events;
    }
}
