package io.orderflow.core.model;

/** The side of the aggressor (taker) of a trade. */
public enum TakerSide {
    BUY,
    SELL;

    /**
     * Binance's {@code m} flag says whether the buyer was the maker: if so, the taker sold.
     */
    public static TakerSide fromBuyerIsMaker(boolean buyerIsMaker) {
        return buyerIsMaker ? SELL : BUY;
    }

    /** +1 for a taker buy, -1 for a taker sell: the sign of the trade's volume in CVD. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }
}
