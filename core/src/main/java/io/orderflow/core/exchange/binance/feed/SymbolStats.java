package io.orderflow.core.exchange.binance.feed;

/**
 * What the feed met for one symbol, for the summary at the end of a replay (and the
 * {@code feed_summary} row it writes). Written by the feed's one thread; read once it is done.
 */
public final class SymbolStats {

    long messages;
    long trades;
    long books;
    long depthMessages;
    long snapshots;
    long unbridgedSnapshots;
    long gaps;
    long resyncs;
    long tradeGaps;
    long backfilled;
    long dedupHits;
    long tickerChecks;
    long tickerMismatches;
    long unsupported;
    long malformed;
    /** Of {@link #malformed}, those of a depth stream: depth the job could not use. */
    long malformedDepth;

    /** Messages of the symbol's streams, REST answers included. */
    public long messages() {
        return messages;
    }

    public long trades() {
        return trades;
    }

    /** Books emitted: rebuilt after a diff, or partial depth. */
    public long books() {
        return books;
    }

    /** Diff-depth and partial-depth messages parsed. */
    public long depthMessages() {
        return depthMessages;
    }

    /** Depth snapshots the book was loaded from. */
    public long snapshots() {
        return snapshots;
    }

    /** Snapshots the buffered diffs could not be joined to. */
    public long unbridgedSnapshots() {
        return unbridgedSnapshots;
    }

    /** Diff sequence gaps of a synced book. */
    public long gaps() {
        return gaps;
    }

    /** {@code book_resync} notices: gaps, and books dropped by a lagging reader. */
    public long resyncs() {
        return resyncs;
    }

    /** Trade ids missed for good. */
    public long tradeGaps() {
        return tradeGaps;
    }

    /** Trades recovered over REST. */
    public long backfilled() {
        return backfilled;
    }

    public long dedupHits() {
        return dedupHits;
    }

    public long tickerChecks() {
        return tickerChecks;
    }

    public long tickerMismatches() {
        return tickerMismatches;
    }

    /** Well-formed messages of the symbol's streams that the job does not consume. */
    public long unsupported() {
        return unsupported;
    }

    /** Messages of the symbol's streams the parser rejected. */
    public long malformed() {
        return malformed;
    }

    /** The figures as JSON members, for the summary row and the log. */
    public String toJsonMembers() {
        return "\"messages\":" + messages + ",\"trades\":" + trades + ",\"books\":" + books
                + ",\"depth_messages\":" + depthMessages + ",\"snapshots\":" + snapshots
                + ",\"unbridged_snapshots\":" + unbridgedSnapshots + ",\"gaps\":" + gaps + ",\"resyncs\":" + resyncs
                + ",\"trade_gaps\":" + tradeGaps + ",\"backfilled\":" + backfilled + ",\"dedup_hits\":" + dedupHits
                + ",\"ticker_checks\":" + tickerChecks + ",\"ticker_mismatches\":" + tickerMismatches
                + ",\"unsupported\":" + unsupported + ",\"malformed\":" + malformed;
    }
}
