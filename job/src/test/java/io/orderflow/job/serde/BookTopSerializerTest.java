package io.orderflow.job.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.BookTop;
import org.junit.jupiter.api.Test;

class BookTopSerializerTest extends RecordSerializerTestBase<BookTop> {

    BookTopSerializerTest() {
        super(BookTop.class, BookTopSerializer.INSTANCE);
    }

    @Override
    protected BookTop[] getTestData() {
        return new BookTop[] {
            new BookTop("BTCUSDT", 1_723_075_200_123L, 1_723_075_200_120L, 1_723_075_200_130L, 51_234_567_890L,
                    new double[] {60_000.5, 60_000.0}, new double[] {1.5, 0.25},
                    new double[] {60_001.0, 0.0}, new double[] {2.0, 0.0}),
            new BookTop("ETHUSDT", 0L, 0L, 0L, 0L, new double[0], new double[0], new double[0], new double[0])
        };
    }

    @Test
    void aCopyHasArraysOfItsOwn() {
        BookTop book = getTestData()[0];
        BookTop copy = BookTopSerializer.INSTANCE.copy(book);
        assertThat(copy).isEqualTo(book);
        assertThat(copy.bidPrices()).isNotSameAs(book.bidPrices());
        assertThat(copy.askQtys()).isNotSameAs(book.askQtys());
    }
}
