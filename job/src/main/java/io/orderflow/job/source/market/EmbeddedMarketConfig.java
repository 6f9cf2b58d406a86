package io.orderflow.job.source.market;

import java.io.Serializable;
import java.util.List;

/**
 * The settings of an {@link EmbeddedMarketSource}, as checked by its builder. See
 * {@link EmbeddedMarketSourceBuilder} for what each one means.
 */
public record EmbeddedMarketConfig(
        List<String> symbols,
        long seed,
        double eventsPerSecondPerSymbol,
        int bookLevels,
        long startTimeMs,
        long maxEventsPerSymbol,
        long endTimeMs,
        boolean paced,
        double speed)
        implements Serializable {

    public EmbeddedMarketConfig {
        symbols = List.copyOf(symbols);
    }

    /** A symbol's stream ends at an event count or at a sim time; without either it never ends. */
    public boolean isBounded() {
        return maxEventsPerSymbol > 0 || endTimeMs != Long.MAX_VALUE;
    }
}
