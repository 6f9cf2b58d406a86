package io.orderflow.job.source;

import io.orderflow.core.market.MarketSimulator;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.job.source.market.EmbeddedMarketConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an uninterrupted run of a source's simulators emits: the expected output of reader tests. */
public final class ReferenceMarket {

    private ReferenceMarket() {}

    /** The first {@code count} events of {@code symbol}'s market under {@code config}. */
    public static List<MarketEvent> events(EmbeddedMarketConfig config, String symbol, int count) {
        MarketSimulator simulator = new MarketSimulator(symbol, config.seed(), config.startTimeMs(),
                config.eventsPerSecondPerSymbol(), config.bookLevels());
        List<MarketEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(simulator.next());
        }
        return events;
    }

    /** The events of each symbol, in the order they came. */
    public static Map<String, List<MarketEvent>> bySymbol(List<MarketEvent> events) {
        Map<String, List<MarketEvent>> bySymbol = new LinkedHashMap<>();
        for (MarketEvent event : events) {
            bySymbol.computeIfAbsent(event.symbol(), s -> new ArrayList<>()).add(event);
        }
        return bySymbol;
    }
}
