package io.orderflow.job.source.binance.split;

import io.orderflow.core.exchange.binance.BinanceRoute;
import io.orderflow.job.source.split.SingleVersionSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serialises a {@link BinanceSplit} for checkpoints: route by name, index, streams, then the last
 * trade ids. Version 1.
 */
public final class BinanceSplitSerializer extends SingleVersionSerializer<BinanceSplit> {

    public static final BinanceSplitSerializer INSTANCE = new BinanceSplitSerializer();

    private BinanceSplitSerializer() {
        super(1);
    }

    @Override
    protected void write(BinanceSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.route().name());
        out.writeInt(split.index());
        out.writeInt(split.streams().size());
        for (String stream : split.streams()) {
            out.writeUTF(stream);
        }
        out.writeInt(split.lastTradeIds().size());
        for (Map.Entry<String, Long> entry : split.lastTradeIds().entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeLong(entry.getValue());
        }
    }

    @Override
    protected BinanceSplit read(DataInputView in) throws IOException {
        BinanceRoute route;
        String routeName = in.readUTF();
        try {
            route = BinanceRoute.valueOf(routeName);
        } catch (IllegalArgumentException e) {
            throw new IOException("unknown route " + routeName, e);
        }
        int index = in.readInt();
        int streamCount = in.readInt();
        List<String> streams = new ArrayList<>(streamCount);
        for (int i = 0; i < streamCount; i++) {
            streams.add(in.readUTF());
        }
        int idCount = in.readInt();
        Map<String, Long> lastTradeIds = new HashMap<>();
        for (int i = 0; i < idCount; i++) {
            lastTradeIds.put(in.readUTF(), in.readLong());
        }
        return new BinanceSplit(route, index, streams, lastTradeIds);
    }
}
