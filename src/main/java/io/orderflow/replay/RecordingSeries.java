package io.orderflow.replay;

import io.orderflow.exchange.binance.feed.BinanceFeed;
import io.orderflow.model.RawFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tells which recordings continue each other: recordings that hold a symbol in common (one file per
 * day of the same symbols, say) are one series, replayed as one feed in the order of their first
 * message, so each symbol's book and trades carry across the files. Recordings with no symbol in
 * common are independent and replay in parallel. Whether a series really runs on at a boundary is
 * for the feed to find out, as live: a break in a diff sequence resyncs the book, a jump in trade
 * ids is a gap.
 */
public final class RecordingSeries {

    /** Messages read from the head of a recording to learn its symbols. */
    static final int HEAD_MESSAGES = 2_000;

    private RecordingSeries() {}

    /** The recordings grouped into series, each in replay order; series in the order of their first recording given. */
    public static List<List<Recording>> group(List<Recording> recordings) {
        List<Head> heads = recordings.stream().map(RecordingSeries::head).toList();
        int[] parent = new int[heads.size()];
        Map<String, Integer> holder = new HashMap<>();
        for (int i = 0; i < heads.size(); i++) {
            parent[i] = i;
            for (String symbol : heads.get(i).symbols()) {
                Integer other = holder.putIfAbsent(symbol, i);
                if (other != null) {
                    parent[root(parent, i)] = root(parent, other);
                }
            }
        }
        Map<Integer, List<Head>> series = new LinkedHashMap<>();
        for (int i = 0; i < heads.size(); i++) {
            series.computeIfAbsent(root(parent, i), r -> new ArrayList<>()).add(heads.get(i));
        }
        List<List<Recording>> grouped = new ArrayList<>();
        for (List<Head> members : series.values()) {
            grouped.add(members.stream()
                    .sorted(Comparator.comparingLong(Head::firstReceiveTimeNanos))
                    .map(Head::recording)
                    .toList());
        }
        grouped.sort(Comparator.comparingInt(group -> recordings.indexOf(group.stream()
                .min(Comparator.comparingInt(recordings::indexOf)).orElseThrow())));
        return grouped;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** The symbols named in a recording's first messages, and when its first message arrived. */
    private record Head(Recording recording, Set<String> symbols, long firstReceiveTimeNanos) {}

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
