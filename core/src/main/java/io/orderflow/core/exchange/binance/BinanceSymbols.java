package io.orderflow.core.exchange.binance;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Binance's symbol grammar, one for every market: letters and digits, then, for coin-M contracts,
 * {@code _} and a suffix ({@code BTCUSD_PERP}, {@code ETHUSD_211231}). Payloads and REST write it
 * upper case, stream names lower case. A symbol never starts with {@code _}, so none can be mistaken
 * for the capture's connection partition {@code _}.
 */
public final class BinanceSymbols {

    private static final String GRAMMAR = "[%1$s]{2,20}(?:_[%1$s]{1,20})*";
    private static final Pattern SYMBOL = Pattern.compile(GRAMMAR.formatted("A-Z0-9"));
    private static final Pattern STREAM_SYMBOL = Pattern.compile(GRAMMAR.formatted("a-z0-9"));

    /** The grammar in a user's words, for messages and {@code --help}. */
    public static final String DESCRIPTION = "letters and digits, coin-M contracts with _ and a suffix"
            + " (BTCUSDT, BTCUSD_PERP, ETHUSD_211231)";

    private BinanceSymbols() {}

    /** Whether {@code symbol}, in any case, is a Binance symbol. */
    public static boolean isSymbol(String symbol) {
        return symbol != null && SYMBOL.matcher(symbol.toUpperCase(Locale.ROOT)).matches();
    }

    /** Whether {@code symbol} is a symbol as stream names write it: lower case, e.g. {@code btcusd_perp}. */
    public static boolean isStreamSymbol(String symbol) {
        return STREAM_SYMBOL.matcher(symbol).matches();
    }
}
