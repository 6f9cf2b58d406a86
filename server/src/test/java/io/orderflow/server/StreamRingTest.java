package io.orderflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamRingTest {

    @Test
    void keepsTheLastCapacityRowsInOrder() {
        StreamRing ring = ring(3, 1, 2, 3, 4, 5);
        assertThat(ring.size()).isEqualTo(3);
        assertThat(ring.oldest().seq()).isEqualTo(3);
        assertThat(ring.latest().seq()).isEqualTo(5);
        assertThat(ring.lastSeq()).isEqualTo(5);
        assertThat(seqs(ring.after(2, 10))).containsExactly(3L, 4L, 5L);
    }

    @Test
    void pagesAfterASeqAcrossGaps() {
        StreamRing ring = ring(10, 1, 2, 5, 6, 9);
        assertThat(seqs(ring.after(0, 10))).containsExactly(1L, 2L, 5L, 6L, 9L);
        assertThat(seqs(ring.after(2, 2))).containsExactly(5L, 6L);
        assertThat(seqs(ring.after(3, 10))).containsExactly(5L, 6L, 9L);
        assertThat(ring.after(9, 10)).isEmpty();
        assertThat(ring.after(100, 10)).isEmpty();
    }

    @Test
    void saysWhenRowsAfterFromHaveLeft() {
        StreamRing ring = ring(2, 1, 2, 3, 4);
        assertThat(ring.after(1, 10)).isNull();
        assertThat(seqs(ring.after(2, 10))).containsExactly(3L, 4L);
    }

    @Test
    void emptyRingHasNothingAndAllocatesNothing() {
        StreamRing ring = new StreamRing(1_000_000, 0);
        assertThat(ring.lastSeq()).isZero();
        assertThat(ring.latest()).isNull();
        assertThat(ring.after(0, 10)).isEmpty();
    }

    private static StreamRing ring(int capacity, long... seqs) {
        StreamRing ring = new StreamRing(capacity, 0);
        for (long seq : seqs) {
            ring.append(Rows.message(Rows.trade("btcusdt", seq, seq * 1000)));
        }
        return ring;
    }

    private static List<Long> seqs(List<LiveMessage> messages) {
        return messages.stream().map(LiveMessage::seq).toList();
    }
}
