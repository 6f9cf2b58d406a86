package io.orderflow.job.source.binance;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * The settings of a {@link BinanceSource}, as checked by its builder; see
 * {@link BinanceSourceBuilder} for what each one means.
 *
 * @param symbols upper case
 * @param streams the stream kinds followed for every symbol
 * @param pingInterval between the client's own pings; zero sends none
 * @param endTimeMs wall time at which the source ends, {@code Long.MAX_VALUE} for never
 * @param bookSyncTimeout a book not synced this long after its first diff is reported ({@code book_unsynced})
 */
public record BinanceSourceConfig(
        MarketType market,
        List<String> symbols,
        List<StreamKind> streams,
        String wsBaseUrl,
        String restBaseUrl,
        int bookLevels,
        int maxStreamsPerConnection,
        SubscribeMode subscribeMode,
        Duration silenceTimeout,
        Duration backoffInitial,
        Duration backoffMax,
        Duration backoffResetAfter,
        Duration maxConnectionAge,
        Duration pingInterval,
        Duration requestTimeout,
        int dedupLru,
        int handoffCapacity,
        long endTimeMs,
        boolean capture,
        Duration bookSyncTimeout)
        implements Serializable {

    public BinanceSourceConfig {
        symbols = List.copyOf(symbols);
        streams = List.copyOf(streams);
    }

    public boolean isBounded() {
        return endTimeMs != Long.MAX_VALUE;
    }

    public boolean follows(StreamKind kind) {
        return streams.contains(kind);
    }
}
