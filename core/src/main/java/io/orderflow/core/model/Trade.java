package io.orderflow.core.model;

/**
 * One trade on the exchange, normalised from the wire format.
 *
 * @param symbol exchange symbol, upper case (e.g. BTCUSDT)
 * @param eventTimeMs when the exchange emitted the event (Binance {@code E}), epoch ms UTC
 * @param tradeTimeMs when the trade happened (Binance {@code T}), epoch ms UTC
 * @param receiveTimeMs when this process received it, epoch ms UTC
 * @param price trade price
 * @param qty base-asset quantity, positive
 * @param tradeId exchange trade id (aggregate trade id for {@code @aggTrade})
 * @param takerSide side of the aggressor
 */
public record Trade(
        String symbol,
        long eventTimeMs,
        long tradeTimeMs,
        long receiveTimeMs,
        double price,
        double qty,
        long tradeId,
        TakerSide takerSide) {

    /** Volume signed by the taker's side: +qty for a taker buy, -qty for a taker sell. */
    public double signedQty() {
        return takerSide.sign() * qty;
    }
}
