package io.orderflow.testkit.loopback;

import io.orderflow.core.exchange.binance.MarketType;
import java.time.Duration;

/**
 * How the exchange treats a connection, after Binance: pings on a cadence, a disconnect when pongs
 * stop for three ping intervals (Binance: spot 20 s / 1 min, futures 3 min / 10 min; scaled with the
 * interval so tests can shorten it), a cut at a maximum age (24 h), and a cap on incoming messages.
 */
record ConnectionPolicy(Duration pingInterval, Duration pongTimeout, Duration maxAge, int messagesPerSecond) {

    private static final int PONG_TIMEOUT_PINGS = 3;

    static Duration defaultPingInterval(MarketType market) {
        return market == MarketType.SPOT ? Duration.ofSeconds(20) : Duration.ofMinutes(3);
    }

    static ConnectionPolicy of(MarketType market, Duration pingInterval, Duration maxAge) {
        return new ConnectionPolicy(pingInterval, pingInterval.multipliedBy(PONG_TIMEOUT_PINGS), maxAge,
                market == MarketType.SPOT ? 5 : 10);
    }
}
