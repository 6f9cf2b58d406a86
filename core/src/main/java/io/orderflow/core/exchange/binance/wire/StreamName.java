package io.orderflow.core.exchange.binance.wire;

import io.orderflow.core.exchange.binance.BinanceSymbols;
import io.orderflow.core.exchange.binance.MalformedMessageException;
import io.orderflow.core.exchange.binance.UnsupportedStreamException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Binance stream name the job consumes, such as {@code btcusdt@depth@100ms}, taken apart.
 *
 * <p>The grammar, the one place it is written down: a name is {@code <symbol>@<type>[@<parameter>...]}
 * with a lower-case symbol ({@link BinanceSymbols}), or a market-wide {@code !<type>[@<parameter>...]}
 * ({@code !miniTicker@arr}). Types and parameters are words of letters, digits and {@code _}
 * ({@code kline_1m}, {@code markPrice}, {@code 1s}), or a spot kline's time zone ({@code +08:00}).
 * Of those, the job consumes {@code depth} and {@code depth<5|10|20>}, each with an optional
 * {@code @<n>ms} update speed for any {@code n} (recorders use {@code 0ms} to {@code 1000ms}),
 * {@code trade}, {@code aggTrade} and {@code bookTicker}. Any other well-formed name is a stream the
 * job does not consume; only a name outside the grammar is malformed.
 *
 * @param name the name as sent
 * @param symbol the symbol, upper case (the name has it lower case)
 * @param kind what the stream carries
 * @param levels the levels of a partial-depth stream ({@code depth5} carries 5), 0 for other kinds
 */
public record StreamName(String name, String symbol, StreamKind kind, int levels) {

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9_]+|[+-][0-9]{2}:[0-9]{2}");
    private static final Pattern UPDATE_SPEED = Pattern.compile("[0-9]+ms");

    /**
     * @throws UnsupportedStreamException for a well-formed stream the job does not consume
     *     ({@code @kline_1m}, {@code @markPrice@1s}, {@code !miniTicker@arr}, ...)
     * @throws MalformedMessageException for a name outside Binance's grammar
     */
    public static StreamName parse(String name) throws MalformedMessageException {
        String[] parts = name.split("@", -1);
        String head = parts[0];
        boolean marketWide = head.startsWith("!");
        if (!marketWide && parts.length < 2) {
            throw malformed(name, "expected <symbol>@<type>");
        }
        if (marketWide ? !isWord(head.substring(1)) : !BinanceSymbols.isStreamSymbol(head)) {
            throw malformed(name, "'" + head + "' is " + (marketWide ? "not !<type>" : "not a lower-case symbol"));
        }
        for (int i = 1; i < parts.length; i++) {
            if (!PARAMETER.matcher(parts[i]).matches()) {
                throw malformed(name, "'" + parts[i] + "' is not a stream type or parameter");
            }
        }
        StreamKind kind = marketWide ? null : StreamKind.ofStreamType(parts[1]);
        boolean consumed = kind != null && (parts.length == 2
                || parts.length == 3 && kind.isDepth() && UPDATE_SPEED.matcher(parts[2]).matches());
        if (!consumed) {
            throw new UnsupportedStreamException("unsupported stream " + name);
        }
        return new StreamName(name, head.toUpperCase(Locale.ROOT), kind, StreamKind.partialLevels(parts[1]));
    }

    /** A word of letters, digits and {@code _}: what stream types and event types are made of. */
    static boolean isWord(String text) {
        return WORD.matcher(text).matches();
    }

    private static MalformedMessageException malformed(String name, String why) {
        return new MalformedMessageException("malformed stream name " + name + ": " + why);
    }
}
