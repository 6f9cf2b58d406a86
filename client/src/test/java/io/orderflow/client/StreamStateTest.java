package io.orderflow.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seq and gap bookkeeping of one stream, as docs/live-protocol.md (Sequence numbers) has it. */
class StreamStateTest {

    private final List<Row> passedOn = new ArrayList<>();

    private static LiveMessage trade(long seq) {
        return new LiveMessage("btcusdt@trade", seq, new Trade(1_000 * seq, 1_000 * seq, "BTCUSDT", 60_000, 1, seq, 0, 0));
    }

    private static LiveMessage bar(long seq, long minute, int version, boolean closed) {
        return new LiveMessage("btcusdt@kline_1m", seq, Bars1m.bar(minute, version, closed));
    }

    private static List<Long> seqs(List<Row> rows) {
        return rows.stream().map(row -> ((Trade) row).aggTradeId()).toList();
    }

    @Test
    void aRowNumberedAtOrBelowTheLastIsDropped() {
        StreamState state = new StreamState("btcusdt@trade");
        for (long seq : new long[] {5, 6, 6, 4, 9, 7, 10}) {
            state.offer(trade(seq), passedOn::add);
        }
        assertThat(seqs(passedOn)).containsExactly(5L, 6L, 9L, 10L);
        assertThat(state.lastSeq()).isEqualTo(10);
    }

    @Test
    void liveRowsDuringAFillWaitAndFollowTheFilledOnesAboveTheirLastSeq() {
        StreamState state = new StreamState("btcusdt@trade");
        state.offer(trade(10), passedOn::add);
        assertThat(state.startFill()).isTrue();
        // the latest row on subscribing (had already), then live rows the fill also returns in part
        for (long seq : new long[] {14, 15, 16}) {
            state.offer(trade(seq), passedOn::add);
        }
        assertThat(state.firstBufferedSeq()).isEqualTo(14);
        assertThat(seqs(passedOn)).containsExactly(10L);
        state.endFill(List.of(), List.of(trade(11), trade(12), trade(13), trade(14)), passedOn::add);
        assertThat(seqs(passedOn)).containsExactly(10L, 11L, 12L, 13L, 14L, 15L, 16L);
        state.offer(trade(17), passedOn::add);
        assertThat(seqs(passedOn)).endsWith(16L, 17L);
        assertThat(state.isFilling()).isFalse();
    }

    @Test
    void aStreamWithNoRowSeenHasNoGapToFill() {
        StreamState state = new StreamState("btcusdt@trade");
        assertThat(state.startFill()).isFalse();
        state.offer(trade(3), passedOn::add);
        assertThat(seqs(passedOn)).containsExactly(3L);
    }

    @Test
    void aClosedBarPassesOnceAndNothingOlderFollowsIt() {
        StreamState state = new StreamState("btcusdt@kline_1m");
        state.offer(bar(1, 100, 1, false), passedOn::add);
        state.offer(bar(2, 100, 2, false), passedOn::add);
        assertThat(state.startFill()).isTrue();
        state.offer(bar(9, 104, 1, false), passedOn::add); // live while the fill runs
        // history has the closed bars 100 to 103 (no seq); the ring from seq 7: bar 103 closed again, 104 forming
        state.endFill(List.of(Bars1m.closed(100), Bars1m.closed(101), Bars1m.closed(102), Bars1m.closed(103)),
                List.of(bar(7, 103, 9, true), bar(8, 104, 0, false)), passedOn::add);
        state.offer(bar(10, 103, 9, true), passedOn::add); // not sent live twice, but it would be dropped
        state.offer(bar(11, 104, 9, true), passedOn::add);
        assertThat(passedOn).containsExactly(Bars1m.bar(100, 1, false), Bars1m.bar(100, 2, false), Bars1m.closed(100),
                Bars1m.closed(101), Bars1m.closed(102), Bars1m.closed(103), Bars1m.bar(104, 0, false),
                Bars1m.bar(104, 1, false), Bars1m.closed(104));
        assertThat(state.lastTsMs()).isEqualTo(104 * Bars1m.MINUTE);
    }

    @Test
    void coverageStartsAtTheFirstBarAndAgainAfterAGapLeftUnfilled() {
        StreamState state = new StreamState("btcusdt@kline_1m");
        assertThat(state.coveredFrom(Bars1m.bar(100, 1, false))).isEqualTo(100 * Bars1m.MINUTE);
        assertThat(state.coveredFrom(Bars1m.closed(103))).isEqualTo(100 * Bars1m.MINUTE);
        state.restartCoverage();
        assertThat(state.coveredFrom(Bars1m.closed(107))).isEqualTo(107 * Bars1m.MINUTE);
    }

    @Test
    void aBarStreamThatSkipsSeqsLiveStartsItsCoverageAgain() {
        StreamState state = new StreamState("btcusdt@kline_1m");
        assertThat(state.offer(bar(1, 100, 9, true), passedOn::add)).isZero();
        assertThat(state.coveredFrom(Bars1m.closed(100))).isEqualTo(100 * Bars1m.MINUTE);
        assertThat(state.offer(bar(2, 101, 9, true), passedOn::add)).isZero();
        // seqs 3 and 4 (bar 102 forming and closed) never came
        assertThat(state.offer(bar(5, 103, 1, false), passedOn::add)).isEqualTo(2);
        assertThat(state.coveredFrom(Bars1m.bar(103, 1, false))).isEqualTo(103 * Bars1m.MINUTE);
        assertThat(passedOn).containsExactly(Bars1m.closed(100), Bars1m.closed(101), Bars1m.bar(103, 1, false));
    }

    @Test
    void otherStreamsSkipSeqsWithoutAGapReported() {
        StreamState state = new StreamState("btcusdt@trade");
        state.offer(trade(1), passedOn::add);
        assertThat(state.offer(trade(7), passedOn::add)).isZero();
    }

    @Test
    void afterAFillFromHistoryAloneTheNextLiveSeqIsTakenAsItComes() {
        StreamState state = new StreamState("btcusdt@kline_1m");
        state.offer(bar(4, 100, 9, true), passedOn::add);
        state.startFill();
        state.endFill(List.of(Bars1m.closed(101), Bars1m.closed(102)), List.of(), passedOn::add); // a restarted server
        assertThat(state.offer(bar(1_000, 103, 9, true), passedOn::add)).isZero();
        assertThat(state.offer(bar(1_002, 104, 9, true), passedOn::add)).isEqualTo(1);
    }
}
