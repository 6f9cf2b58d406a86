package io.orderflow.source.replay;

import io.orderflow.exchange.binance.MarketType;
import io.orderflow.replay.Recording;
import java.io.Serializable;
import java.util.List;

/**
 * The settings of a {@link ReplaySource}, as checked by its builder. See {@link ReplaySourceBuilder}
 * for what each one means.
 */
public record ReplayConfig(
        List<Recording> recordings, MarketType market, int bookLevels, boolean paced, double speed)
        implements Serializable {

    public ReplayConfig {
        recordings = List.copyOf(recordings);
    }
}
