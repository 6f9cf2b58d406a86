package io.orderflow.core.exchange.binance.feed;

/**
 * A REST response as it came: what was asked ({@code /fapi/v1/depth?symbol=BTCUSDT&limit=1000}),
 * the body, and when it arrived. The feed parses it, and captures it so a capture replays exactly.
 */
public record RestAnswer(String pathAndQuery, String body, long receiveTimeMs) {}
