package io.orderflow.exchange.binance.wire;

import io.orderflow.exchange.binance.MalformedMessageException;
import java.util.Locale;

/**
 * A Binance stream name, {@code <symbol>@<type>} such as {@code btcusdt@depth@100ms}, taken apart.
 *
 * @param name the name as sent
 * @param symbol the symbol, upper case (the name has it lower case)
 * @param kind what the stream carries
 */
public record StreamName(String name, String symbol, StreamKind kind) {

    /**
     * @throws io.orderflow.exchange.binance.UnsupportedStreamException for a Binance stream the job
     *     does not consume (kline, ticker, ...)
     * @throws MalformedMessageException for anything else that is not a stream the job consumes
     */
    public static StreamName parse(String name) throws MalformedMessageException {
        int at = name.indexOf('@');
        if (at < 0) {
            throw new MalformedMessageException("unknown stream " + name + ": expected <symbol>@<type>");
        }
        if (at == 0) {
            throw new MalformedMessageException("stream " + name + ": empty symbol");
        }
        StreamKind kind = StreamKind.ofStreamType(name, name.substring(at + 1));
        return new StreamName(name, name.substring(0, at).toUpperCase(Locale.ROOT), kind);
    }
}
