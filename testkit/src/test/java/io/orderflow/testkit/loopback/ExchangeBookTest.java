package io.orderflow.testkit.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.BookTop;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeBookTest {

    private static BookTop top(long id, double[] bidPrices, double[] bidQtys, double[] askPrices, double[] askQtys) {
        return new BookTop("BTCUSDT", id, id, id, id, bidPrices, bidQtys, askPrices, askQtys);
    }

    private final ExchangeBook book = new ExchangeBook(top(1,
            new double[] {100, 99, 98}, new double[] {1, 2, 3},
            new double[] {101, 102, 0}, new double[] {4, 5, 0}));

    @Test
    void theOpeningBookIsWholeAndNothingIsPending() {
        assertThat(book.drainDiff()).isNull();
        assertThat(book.top(10).bids()).containsExactly(new Level(100, 1), new Level(99, 2), new Level(98, 3));
        assertThat(book.top(2).asks()).containsExactly(new Level(101, 4), new Level(102, 5));
        assertThat(book.bestBid()).isEqualTo(new Level(100, 1));
        assertThat(book.lastUpdateId()).isEqualTo(1);
    }

    @Test
    void aDiffHoldsRemovedLevelsAsZeroNewAndChangedOnesBestFirstAndUnchangedOnesNot() {
        // bids: 100 gone, 99 changed 2 -> 7, 98 unchanged, 97 new; asks: 101 unchanged, 102 gone, 103 new
        boolean changed = book.apply(top(2,
                new double[] {99, 98, 97}, new double[] {7, 3, 1},
                new double[] {101, 103, 0}, new double[] {4, 6, 0}), 5);

        assertThat(changed).isTrue();
        BookDiff diff = book.drainDiff();
        assertThat(diff.firstUpdateId()).isEqualTo(5);
        assertThat(diff.lastUpdateId()).isEqualTo(5);
        assertThat(diff.levels().bids()).containsExactly(new Level(100, 0), new Level(99, 7), new Level(97, 1));
        assertThat(diff.levels().asks()).containsExactly(new Level(102, 0), new Level(103, 6));
        assertThat(book.top(10).bids()).containsExactly(new Level(99, 7), new Level(98, 3), new Level(97, 1));
        assertThat(book.top(10).asks()).containsExactly(new Level(101, 4), new Level(103, 6));
        assertThat(book.drainDiff()).isNull();
    }

    @Test
    void changesAccumulateUntilDrainedAndAnUnchangedBookIsNoChange() {
        BookTop same = top(2, new double[] {100, 99, 98}, new double[] {1, 2, 3},
                new double[] {101, 102, 0}, new double[] {4, 5, 0});
        assertThat(book.apply(same, 2)).isFalse();

        book.apply(top(3, new double[] {100, 99, 0}, new double[] {1, 2, 0},
                new double[] {101, 102, 0}, new double[] {4, 5, 0}), 3);
        book.apply(top(4, new double[] {100, 99, 98}, new double[] {1, 2, 9},
                new double[] {101, 0, 0}, new double[] {4, 0, 0}), 4);

        BookDiff diff = book.drainDiff();
        assertThat(diff.firstUpdateId()).isEqualTo(3);
        assertThat(diff.lastUpdateId()).isEqualTo(4);
        assertThat(diff.levels().bids()).isEqualTo(List.of(new Level(98, 9)));
        assertThat(diff.levels().asks()).isEqualTo(List.of(new Level(102, 0)));
        assertThat(book.bestAsk()).isEqualTo(new Level(101, 4));
    }
}
