package io.orderflow.testkit.loopback;

import io.orderflow.core.exchange.binance.wire.StreamKind;
import io.orderflow.core.exchange.binance.wire.StreamName;

/**
 * What a published message is about. Several stream names can share a topic: {@code btcusdt@depth}
 * and {@code btcusdt@depth@100ms} both carry the symbol's diff stream.
 *
 * @param symbol upper case
 * @param levels book levels of a partial-depth stream, 0 for the other kinds
 */
record Topic(String symbol, StreamKind kind, int levels) {

    static Topic of(String symbol, StreamKind kind) {
        return new Topic(symbol, kind, 0);
    }

    /** The topic {@code stream} carries; every update speed of a kind gets the same messages. */
    static Topic of(StreamName stream) {
        return new Topic(stream.symbol(), stream.kind(), stream.levels());
    }
}
