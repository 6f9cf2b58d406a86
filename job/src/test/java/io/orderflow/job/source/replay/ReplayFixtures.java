package io.orderflow.job.source.replay;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.feed.FeedSettings;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.replay.Recordings;
import io.orderflow.core.replay.ReplayFeed;
import io.orderflow.job.source.ReferenceMarket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The recordings of {@link Recordings}, and what a plain replay of one gives. */
final class ReplayFixtures {

    static final int LEVELS = 10;

    private ReplayFixtures() {}

    /** A file under {@code recordings/}, e.g. {@code hftbacktest-spot/btcusdt_20240808.gz}. */
    static String file(String underRecordings) {
        return Recordings.DIR.resolve(underRecordings).toString();
    }

    static ReplaySource spot(String... underRecordings) {
        return ReplaySource.builder()
                .files(List.of(underRecordings).stream().map(ReplayFixtures::file).toList())
                .market(MarketType.SPOT)
                .bookLevels(LEVELS)
                .build();
    }

    /**
     * What direct {@link ReplayFeed} passes over the source's recordings give, by symbol: the
     * expected output of a replay source whose recordings are one symbol each.
     */
    static Map<String, List<MarketEvent>> replayedDirectly(ReplaySource source) throws IOException {
        List<MarketEvent> events = new ArrayList<>();
        for (ReplaySplit split : source.initialSplits()) {
            try (ReplayFeed feed = new ReplayFeed(split.recordings(),
                    FeedSettings.replay(source.config().market(), source.config().bookLevels()))) {
                while (feed.hasNext()) {
                    events.add(feed.next());
                }
            }
        }
        return ReferenceMarket.bySymbol(events);
    }
}
