package io.orderflow.core.replay;

/**
 * What a {@link ReplayFeed} has seen so far.
 *
 * @param messages recorded messages read (WebSocket and REST; those read ahead for a REST answer included)
 * @param malformed messages the parser rejected (counted and skipped)
 * @param unsupported well-formed messages replay has no use for (e.g. klines, REST answers nobody asked for)
 * @param trades trades emitted
 * @param books books emitted (rebuilt after a diff, or partial depth)
 * @param snapshots REST depth snapshots the books were loaded from
 * @param unbridgedSnapshots snapshots the buffered diffs could not be joined to (a live source
 *     would fetch another)
 * @param gaps sequence gaps of a synced book, each emitted as a {@code book_resync} notice
 * @param tickerChecks {@code bookTicker}s compared with the rebuilt book at the same update id
 * @param tickerMismatches checks where the best bid or ask differed
 */
public record ReplayStats(
        long messages,
        long malformed,
        long unsupported,
        long trades,
        long books,
        long snapshots,
        long unbridgedSnapshots,
        long gaps,
        long tickerChecks,
        long tickerMismatches) {}
