package io.orderflow.core.market;

import java.nio.charset.StandardCharsets;

/**
 * The fixed scales of one simulated symbol: its starting mid price, tick size and lot size, and
 * the typical sizes of trades and resting levels.
 *
 * <p>Prices are kept in integer ticks and quantities in integer lots, so the book never drifts off
 * its grid; both grids are decimal ({@code 10^-decimals}), so {@code ticks / 10^decimals} is the
 * double nearest the decimal price, exactly as a parsed exchange price would be.
 *
 * @param initialMidTicks where the best bid starts, in ticks
 * @param priceDecimals tick size is {@code 10^-priceDecimals}
 * @param qtyDecimals lot size is {@code 10^-qtyDecimals}
 * @param medianTradeLots median size of a market order, in lots
 * @param medianLevelLots median quantity resting at a price level, in lots
 */
public record SymbolProfile(
        long initialMidTicks,
        int priceDecimals,
        int qtyDecimals,
        double medianTradeLots,
        double medianLevelLots) {

    public SymbolProfile {
        if (clampDecimals(priceDecimals) != priceDecimals || clampDecimals(qtyDecimals) != qtyDecimals) {
            throw new IllegalArgumentException(
                    "decimals must be within [0, " + MAX_DECIMALS + "], got price " + priceDecimals
                            + " qty " + qtyDecimals);
        }
    }

    /** A typical print is worth this much quote currency; a typical level 20 times more. */
    private static final double MEDIAN_TRADE_NOTIONAL = 2_000.0;

    private static final double LEVEL_TO_TRADE_RATIO = 20.0;

    /** Coin-M pairs end in USD before the contract suffix: {@code BTCUSD_PERP}. */
    private static final String COINM_PAIR_END = "USD_";

    /** Binance's coin-M contract values: 100 USD for BTC, 10 USD for every other coin. */
    private static final double BTC_CONTRACT_USD = 100.0;

    private static final double CONTRACT_USD = 10.0;

    /** Enough lots in a median trade that sizes are not visibly discrete. */
    private static final double MIN_LOTS_PER_MEDIAN_TRADE = 20.0;

    /** Four to five significant digits of price per tick, like most exchange listings. */
    private static final int PRICE_SIGNIFICANT_DIGITS = 4;

    /** Exact powers of ten, so a grid value converts with a single correctly rounded division. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};

    private static final int MAX_DECIMALS = POWERS_OF_TEN.length - 1;

    /**
     * The listed majors keep their real scale; any other symbol gets one derived from its name. A
     * coin-M contract ({@code BTCUSD_PERP}, {@code ETHUSD_211231}) is priced like its coin's USDT
     * pair but traded in whole contracts.
     */
    public static SymbolProfile forSymbol(String symbol) {
        int coinm = symbol.indexOf(COINM_PAIR_END);
        if (coinm > 0) {
            String coin = symbol.substring(0, coinm);
            return contracts(forSymbol(coin + "USDT"), coin.equals("BTC") ? BTC_CONTRACT_USD : CONTRACT_USD);
        }
        return switch (symbol) {
            case "BTCUSDT" -> of(60_000.0, 1);
            case "ETHUSDT" -> of(3_000.0, 2);
            default -> derived(symbol);
        };
    }

    public double tickSize() {
        return 1.0 / decimalScale(priceDecimals);
    }

    public double lotSize() {
        return 1.0 / decimalScale(qtyDecimals);
    }

    public double price(long ticks) {
        return ticks / decimalScale(priceDecimals);
    }

    public double qty(long lots) {
        return lots / decimalScale(qtyDecimals);
    }

    /** A price between 0.01 and 10 000 spread log-uniformly by the name's hash, so it is stable. */
    private static SymbolProfile derived(String symbol) {
        double unit = (stableHash(symbol) >>> 11) * 0x1.0p-53;
        double price = StrictMath.pow(10.0, -2.0 + 6.0 * unit);
        int magnitude = (int) StrictMath.floor(StrictMath.log10(price));
        int decimals = clampDecimals(PRICE_SIGNIFICANT_DIGITS - magnitude);
        return of(price, decimals);
    }

    /** The same market in contracts of {@code contractUsd} each: quantities are whole numbers of them. */
    private static SymbolProfile contracts(SymbolProfile coin, double contractUsd) {
        double medianTradeLots = MEDIAN_TRADE_NOTIONAL / contractUsd;
        return new SymbolProfile(coin.initialMidTicks, coin.priceDecimals, 0, medianTradeLots,
                medianTradeLots * LEVEL_TO_TRADE_RATIO);
    }

    private static SymbolProfile of(double price, int priceDecimals) {
        double medianTradeQty = MEDIAN_TRADE_NOTIONAL / price;
        int qtyDecimals = clampDecimals(
                -(int) StrictMath.floor(StrictMath.log10(medianTradeQty / MIN_LOTS_PER_MEDIAN_TRADE)));
        double medianTradeLots = medianTradeQty * decimalScale(qtyDecimals);
        return new SymbolProfile(
                StrictMath.round(price * decimalScale(priceDecimals)),
                priceDecimals,
                qtyDecimals,
                medianTradeLots,
                medianTradeLots * LEVEL_TO_TRADE_RATIO);
    }

    /** 64-bit FNV-1a of the UTF-8 name: unlike {@code hashCode} it spreads over all 64 bits. */
    static long stableHash(String symbol) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : symbol.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }

    private static int clampDecimals(int decimals) {
        return Math.max(0, Math.min(MAX_DECIMALS, decimals));
    }

    private static double decimalScale(int decimals) {
        return POWERS_OF_TEN[decimals];
    }
}
