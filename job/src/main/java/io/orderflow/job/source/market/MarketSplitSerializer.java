package io.orderflow.job.source.market;

import io.orderflow.job.source.split.SingleVersionSerializer;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serialises a {@link MarketSplit} for checkpoints (reader state). */
public final class MarketSplitSerializer extends SingleVersionSerializer<MarketSplit> {

    public static final MarketSplitSerializer INSTANCE = new MarketSplitSerializer();

    private MarketSplitSerializer() {
        super(1);
    }

    @Override
    protected void write(MarketSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.symbol());
        out.writeLong(split.seed());
        out.writeLong(split.startTimeMs());
        out.writeLong(split.eventsEmitted());
    }

    @Override
    protected MarketSplit read(DataInputView in) throws IOException {
        return new MarketSplit(in.readUTF(), in.readLong(), in.readLong(), in.readLong());
    }
}
