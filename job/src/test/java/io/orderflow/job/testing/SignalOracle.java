package io.orderflow.job.testing;

import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.model.PriceRow;
import io.orderflow.core.model.Trade;
import io.orderflow.core.signal.ActivityRegime;
import io.orderflow.core.signal.DecayingAverage;
import io.orderflow.core.signal.DecayingRate;
import io.orderflow.core.signal.Ema;
import io.orderflow.core.signal.OrderFlowImbalance;
import io.orderflow.core.signal.RobustScaleSettings;
import io.orderflow.core.signal.RobustZScore;
import io.orderflow.core.signal.RollingStats;
import io.orderflow.core.signal.ZMode;
import io.orderflow.job.config.OrderflowConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * What the job must output for one symbol's events, computed straight from the pure signal classes,
 * with no Flink in between: the oracle the pipeline's Parquet is compared against.
 */
public final class SignalOracle {

    private SignalOracle() {}

    public static List<OfiRow> ofi(List<MarketEvent> events, OrderflowConfig config) {
        List<OfiRow> rows = new ArrayList<>();
        RollingStats window = new RollingStats(config.ofiWindow());
        Ema ema = new Ema();
        ActivityRegime regime = new ActivityRegime();
        DecayingAverage depth = new DecayingAverage();
        BookTop previous = null;
        for (MarketEvent event : events) {
            if (event.isTrade()) {
                continue;
            }
            BookTop book = event.book();
            String state = regime.record(book.eventTimeMs());
            double scale = depth.add(config.ofiDepthHalfLifeSec(), book.eventTimeMs(), OrderFlowImbalance.meanDepth(book, config.ofiLevels()));
            if (previous != null) {
                double ofi = OrderFlowImbalance.normalised(
                        OrderFlowImbalance.weighted(previous, book, config.ofiWeights()), scale);
                window.add(ofi);
                rows.add(new OfiRow(book.eventTimeMs(), book.symbol(), ofi, window.zScore(ofi), scale, state,
                        ema.update(config.ofiEmaAlpha(), ofi), !window.isFull(), window.isStdZero(),
                        book.bestBid(), book.bestAsk(), OrderFlowImbalance.atLevel(previous, book, 0)));
            }
            previous = book;
        }
        return rows;
    }

    public static List<CvdRow> cvd(List<MarketEvent> events, OrderflowConfig config) {
        List<CvdRow> rows = new ArrayList<>();
        RobustScaleSettings settings = config.cvdScale();
        RobustZScore z = settings.newScore();
        ActivityRegime regime = new ActivityRegime();
        double cvd = 0;
        for (Trade trade : trades(events)) {
            double delta = trade.signedQty();
            cvd += delta;
            double zCvd = z.update(settings, trade.tradeTimeMs(), config.zMode() == ZMode.LEVEL ? cvd : delta);
            rows.add(new CvdRow(trade.tradeTimeMs(), trade.symbol(), trade.tradeId(), cvd, delta, z.zRaw, zCvd,
                    z.scale, z.sigmaFloor, z.floorUsed, regime.record(trade.eventTimeMs())));
        }
        return rows;
    }

    public static List<PriceRow> prices(List<MarketEvent> events) {
        List<PriceRow> rows = new ArrayList<>();
        DecayingRate rate = new DecayingRate(10);
        for (Trade trade : trades(events)) {
            rate.record(trade.receiveTimeMs());
            rows.add(new PriceRow(trade.tradeTimeMs(), trade.eventTimeMs(), trade.symbol(), trade.price(),
                    trade.qty(), trade.tradeId(), trade.receiveTimeMs() - trade.eventTimeMs(), rate.perSecond()));
        }
        return rows;
    }

    private static List<Trade> trades(List<MarketEvent> events) {
        return events.stream().filter(MarketEvent::isTrade).map(MarketEvent::trade).toList();
    }
}
