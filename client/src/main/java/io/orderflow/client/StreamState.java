package io.orderflow.client;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the client knows of one subscribed stream, to pass each row on once and in order across
 * reconnects (docs/live-protocol.md, Sequence numbers): the last seq passed on, and, while a gap is
 * being filled, the live rows that arrived meanwhile. Klines add a rule of their own: a bar closed
 * already, or older than one, is not passed on again, which also makes rows from {@code /history}
 * (they have no seq) safe to pass through. Passing on happens inside this object's lock, so the
 * socket's thread and the filling thread never interleave.
 */
final class StreamState {

    /** No row seen yet: seqs are positive. */
    static final long NONE = 0;

    private final boolean klines;
    private final List<LiveMessage> buffered = new ArrayList<>();
    private long lastSeq = NONE;
    private long lastTsMs = Long.MIN_VALUE;
    private long lastClosedBarMs = Long.MIN_VALUE;
    private boolean filling;
    // Whether the next live row's seq should follow lastSeq: not before the first row, nor after a fill
    // that passed on rows from history alone (they have no seq).
    private boolean seqsFollow;
    private long coveredFromMs = Long.MIN_VALUE;

    StreamState(String stream) {
        this.klines = Signal.schemaOf(stream) == RowSchema.KLINES;
    }

    boolean isKlines() {
        return klines;
    }

    /**
     * A live row: passed on when it is new, kept while a fill runs, dropped when its seq was had.
     * Returns how many seqs a bar stream skipped to reach it, 0 for none: rows the server never
     * received, or forming bars it conflated for a slow reader. Either way the bars known without a gap
     * then start again at this one, so the cache claims no bar it may lack.
     */
    synchronized long offer(LiveMessage message, Consumer<Row> sink) {
        if (filling) {
            buffered.add(message);
            return 0;
        }
        long skipped = klines && seqsFollow && message.seq() > lastSeq + 1 ? message.seq() - lastSeq - 1 : 0;
        if (skipped > 0) {
            coveredFromMs = Long.MIN_VALUE;
        }
        take(message, sink);
        return skipped;
    }

    /**
     * From now on live rows wait for {@link #endFill}. False when there is no gap to fill: no row was
     * seen before, so there is no seq to fill from.
     */
    synchronized boolean startFill() {
        filling = lastSeq != NONE;
        return filling;
    }

    synchronized boolean isFilling() {
        return filling;
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    /** The event time of the last row passed on; {@code Long.MIN_VALUE} before the first. */
    synchronized long lastTsMs() {
        return lastTsMs;
    }

    /** The seq of the first live row kept during the fill, or {@link #NONE}. */
    synchronized long firstBufferedSeq() {
        return buffered.isEmpty() ? NONE : buffered.get(0).seq();
    }

    /**
     * Ends the fill: passes on the rows from history (closed bars, by time), then the fill's messages,
     * then the live rows kept meanwhile, each only if new.
     */
    synchronized void endFill(List<Row> fromHistory, List<LiveMessage> filled, Consumer<Row> sink) {
        for (Row row : fromHistory) {
            if (isNew(row)) {
                lastTsMs = row.tsMs();
                sink.accept(row);
            }
        }
        seqsFollow = false;
        filled.forEach(message -> take(message, sink));
        buffered.forEach(message -> take(message, sink));
        buffered.clear();
        filling = false;
    }

    /**
     * The open time since which every bar of the stream has been passed on, starting with {@code bar}'s
     * when nothing is known yet: bars are sparse, so only following the stream says none is missing.
     */
    synchronized long coveredFrom(Kline bar) {
        if (coveredFromMs == Long.MIN_VALUE) {
            coveredFromMs = bar.tsMs();
        }
        return coveredFromMs;
    }

    /** A gap was left unfilled: what is known without one starts again at the next bar. */
    synchronized void restartCoverage() {
        coveredFromMs = Long.MIN_VALUE;
    }

    private void take(LiveMessage message, Consumer<Row> sink) {
        if (message.seq() <= lastSeq) {
            return; // had already: the latest row sent on subscribing, or a fill's overlap with live rows
        }
        lastSeq = message.seq();
        seqsFollow = true;
        if (isNew(message.row())) {
            lastTsMs = message.row().tsMs();
            sink.accept(message.row());
        }
    }

    /** Rows are new but for klines: a bar at or before the last closed one is not. */
    private boolean isNew(Row row) {
        if (!(row instanceof Kline bar)) {
            return true;
        }
        if (bar.tsMs() <= lastClosedBarMs) {
            return false;
        }
        if (bar.closed()) {
            lastClosedBarMs = bar.tsMs();
        }
        return true;
    }
}
