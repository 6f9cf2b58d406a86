package io.orderflow.job;

import io.orderflow.core.exchange.binance.wire.StreamKind;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.job.config.ConfigException;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.source.binance.BinanceSource;
import io.orderflow.job.source.binance.BinanceSourceBuilder;
import io.orderflow.job.source.market.EmbeddedMarketSource;
import io.orderflow.job.source.replay.ReplaySource;
import io.orderflow.job.source.replay.ReplaySourceBuilder;
import java.time.Duration;
import org.apache.flink.api.connector.source.Source;

/** The production market source for each SOURCE setting. */
public final class MarketSources {

    private MarketSources() {}

    /**
     * The source SOURCE names. {@code loopback} is only for local runs, which start the exchange in
     * their own process (see {@link io.orderflow.tools.local.LocalDemo}).
     */
    public static Source<MarketEvent, ?, ?> fromConfig(OrderflowConfig config) {
        return switch (config.source()) {
            case EMBEDDED -> embedded(config);
            case BINANCE -> binance(config, config.binanceWsUrl().orElse(null), config.binanceRestUrl().orElse(null));
            case REPLAY -> replay(config);
            case LOOPBACK -> throw new ConfigException("SOURCE=loopback starts an exchange inside the local run"
                    + " (jobs/demo.sh); on a cluster run LoopbackExchangeMain and use SOURCE=binance with"
                    + " BINANCE_WS_URL and BINANCE_REST_URL pointing at it");
        };
    }

    /** The embedded synthetic market, paced in real time, bounded by RUN_HOURS and MARKET_EVENTS. */
    public static EmbeddedMarketSource embedded(OrderflowConfig config) {
        long start = System.currentTimeMillis();
        var builder = EmbeddedMarketSource.builder()
                .symbols(config.symbols())
                .seed(config.marketSeed())
                .eventsPerSecondPerSymbol(config.marketRate())
                .bookLevels(config.bookLevels())
                .startTimeMs(start)
                .maxEventsPerSymbol(config.marketEvents())
                .paced(true);
        config.runDuration().ifPresent(d -> builder.endTimeMs(start + d.toMillis()));
        return builder.build();
    }

    /**
     * Binance over WebSocket: aggregate trades and the diff-depth book (plus @bookTicker to check
     * it), bounded by RUN_HOURS. Null URLs mean Binance's own for the market.
     */
    public static BinanceSource binance(OrderflowConfig config, String wsUrl, String restUrl) {
        BinanceSourceBuilder builder = BinanceSource.builder()
                .market(config.binanceMarket())
                .symbols(config.symbols())
                .streams(config.bookTicker()
                        ? new StreamKind[] {StreamKind.AGG_TRADE, StreamKind.DIFF_DEPTH, StreamKind.BOOK_TICKER}
                        : new StreamKind[] {StreamKind.AGG_TRADE, StreamKind.DIFF_DEPTH})
                .bookLevels(config.bookLevels())
                .silenceTimeout(Duration.ofSeconds(config.silenceTimeoutSec()))
                .pingInterval(Duration.ofSeconds(config.wssPingIntervalSec()))
                .dedupLru(config.dedupLru())
                .bookSyncTimeout(config.bookSyncTimeout())
                .capture(config.capture());
        if (wsUrl != null) {
            builder.wsBaseUrl(wsUrl);
        }
        if (restUrl != null) {
            builder.restBaseUrl(restUrl);
        }
        config.runDuration().ifPresent(d -> builder.endTimeMs(System.currentTimeMillis() + d.toMillis()));
        return builder.build();
    }

    /** The recordings of REPLAY_FILES, at REPLAY_SPEED times their own pace, or as fast as the job takes them. */
    public static ReplaySource replay(OrderflowConfig config) {
        ReplaySourceBuilder builder = ReplaySource.builder()
                .files(config.replayFiles())
                .market(config.binanceMarket())
                .bookLevels(config.bookLevels())
                .paced(false);
        config.replaySpeed().ifPresent(speed -> builder.paced(true).speed(speed));
        return builder.build();
    }
}
