package io.orderflow.core.replay;

import io.orderflow.core.exchange.binance.feed.BinanceFeed;
import io.orderflow.core.model.RawFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tells which recordings continue each other: a recording that holds a symbol of an earlier one and
 * starts after it (one file per day of the same symbols, say) continues that recording's series,
 * replayed as one feed in order, so each symbol's book and trades carry across the files.
 * Recordings with no symbol in common, or that start at the same time (copies of one recording),
 * are independent and replay in parallel. Whether a series really runs on at a boundary is for the
 * feed to find out, as live: a break in a diff sequence resyncs the book, a jump in trade ids is a
 * gap.
 */
public final class RecordingSeries {

    /** Messages read from the head of a recording to learn its symbols. */
    static final int HEAD_MESSAGES = 2_000;

    private RecordingSeries() {}

    /**
     * The recordings grouped into series, each in replay order; series in the order of their first
     * recording's start. Each recording, taken by start time, continues the first series whose last
     * recording shares a symbol with it and started before it, or starts a series.
     */
    public static List<List<Recording>> group(List<Recording> recordings) {
        List<Head> heads = recordings.stream()
                .map(RecordingSeries::head)
                .sorted(Comparator.comparingLong(Head::firstReceiveTimeNanos))
                .toList();
        List<List<Head>> series = new ArrayList<>();
        for (Head head : heads) {
            series.stream()
                    .filter(s -> s.get(s.size() - 1).continuedBy(head))
                    .findFirst()
                    .ifPresentOrElse(s -> s.add(head), () -> series.add(new ArrayList<>(List.of(head))));
        }
        return series.stream().map(s -> s.stream().map(Head::recording).toList()).toList();
    }

    /** The symbols named in a recording's first messages, and when its first message arrived. */
    private record Head(Recording recording, Set<String> symbols, long firstReceiveTimeNanos) {

        boolean continuedBy(Head next) {
            return firstReceiveTimeNanos < next.firstReceiveTimeNanos
                    && symbols.stream().anyMatch(next.symbols::contains);
        }
    }

    private static Head head(Recording recording) {
        Set<String> symbols = new TreeSet<>();
        long first = Long.MAX_VALUE;
        try (MessageReader reader = recording.open()) {
            RecordedMessage message;
            for (int i = 0; i < HEAD_MESSAGES && (message = reader.next()) != null; i++) {
                first = Math.min(first, message.receiveTimeNanos());
                String symbol = symbolOf(message);
                if (symbol != null) {
                    symbols.add(symbol);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the head of " + recording.path(), e);
        }
        return new Head(recording, symbols, first);
    }

    private static String symbolOf(RecordedMessage message) {
        if (message.kind().isRest()) {
            return message.symbol();
        }
        String stream = message.stream() != null ? message.stream() : BinanceFeed.streamOf(message.text());
        String symbol = CaptureFormat.symbolOf(stream);
        return symbol.equals(RawFrame.CONNECTION) ? null : symbol;
    }
}
