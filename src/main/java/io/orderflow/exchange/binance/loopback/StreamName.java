package io.orderflow.exchange.binance.loopback;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated Binance stream name such as {@code btcusdt@aggTrade} or {@code ethusdt@depth5@100ms}.
 *
 * <p>Every update-speed suffix is accepted but all depth streams run on the exchange's one
 * diff window ({@code depthIntervalMs}): the speed changes how often, never what, a client sees.
 */
record StreamName(String name, Topic topic) {

    private static final Pattern FORMAT = Pattern.compile(
            "([a-z0-9]+)@(aggTrade|trade|bookTicker|depth(5|10|20)?(@(100|250|500|1000)ms)?)");

    /**
     * @param symbols the exchange's symbols, upper case; other symbols are refused so that a typo in
     *     a test fails loudly instead of subscribing to nothing
     */
    static StreamName parse(String name, Set<String> symbols) {
        Matcher m = FORMAT.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid stream name '" + name + "'");
        }
        String symbol = m.group(1).toUpperCase(Locale.ROOT);
        if (!symbols.contains(symbol)) {
            throw new IllegalArgumentException("unknown symbol in stream name '" + name + "'");
        }
        String type = m.group(2);
        Topic topic;
        if (type.equals("aggTrade")) {
            topic = Topic.of(symbol, StreamKind.AGG_TRADE);
        } else if (type.equals("trade")) {
            topic = Topic.of(symbol, StreamKind.TRADE);
        } else if (type.equals("bookTicker")) {
            topic = Topic.of(symbol, StreamKind.BOOK_TICKER);
        } else if (m.group(3) == null) {
            topic = Topic.of(symbol, StreamKind.DIFF_DEPTH);
        } else {
            topic = new Topic(symbol, StreamKind.PARTIAL_DEPTH, Integer.parseInt(m.group(3)));
        }
        return new StreamName(name, topic);
    }
}
