package io.orderflow.job.source.replay;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.replay.Recording;
import java.io.Serializable;
import java.util.List;

/**
 * The settings of a {@link ReplaySource}, as checked by its builder. See {@link ReplaySourceBuilder}
 * for what each one means.
 *
 * @param series the recordings, grouped into series that continue each other, each in replay order
 */
public record ReplayConfig(
        List<List<Recording>> series, MarketType market, int bookLevels, boolean paced, double speed)
        implements Serializable {

    public ReplayConfig {
        series = series.stream().map(List::copyOf).toList();
    }
}
