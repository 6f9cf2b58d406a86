package io.orderflow.job.source.binance;

import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.Trade;
import io.orderflow.job.source.binance.reader.BinanceSourceMetrics;
import io.orderflow.job.source.binance.reader.BinanceSourceReader;
import java.util.List;
import java.util.Objects;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.io.InputStatus;

/**
 * A {@link BinanceSource} reader run by hand on the test's thread, with every split of the source
 * (and, for a bounded source, the signal that no more will come, as the enumerator sends it):
 * {@link #poll()} moves what the reader has into {@link #events()}. Call it from one thread only
 * (Awaitility with {@code pollInSameThread()}).
 */
final class ReaderDriver implements AutoCloseable {

    private final BinanceSourceReader reader;
    private final TestingReaderOutput<MarketEvent> output = new TestingReaderOutput<>();
    private InputStatus status = InputStatus.NOTHING_AVAILABLE;

    ReaderDriver(BinanceSource source) {
        this.reader = (BinanceSourceReader) source.createReader(new TestingReaderContext());
        reader.start();
        reader.addSplits(source.initialSplits());
        if (source.config().isBounded()) {
            reader.notifyNoMoreSplits();
        }
    }

    /** Emits whatever the reader has now. */
    void poll() throws Exception {
        do {
            status = reader.pollNext(output);
        } while (status == InputStatus.MORE_AVAILABLE);
    }

    /** The reader said its input ended. */
    boolean ended() {
        return status == InputStatus.END_OF_INPUT;
    }

    List<MarketEvent> events() {
        return output.getEmittedRecords();
    }

    List<Trade> trades(String symbol) {
        return events().stream().map(MarketEvent::trade).filter(Objects::nonNull)
                .filter(t -> t.symbol().equals(symbol)).toList();
    }

    List<Long> tradeIds(String symbol) {
        return trades(symbol).stream().map(Trade::tradeId).toList();
    }

    long books(String symbol) {
        return events().stream().filter(e -> e.book() != null && e.book().symbol().equals(symbol)).count();
    }

    List<MarketNotice> notices() {
        return events().stream().map(MarketEvent::notice).filter(Objects::nonNull).toList();
    }

    long count(String metric) {
        return metrics().count(metric);
    }

    BinanceSourceMetrics metrics() {
        return reader.metrics();
    }

    @Override
    public void close() throws Exception {
        reader.close();
    }
}
