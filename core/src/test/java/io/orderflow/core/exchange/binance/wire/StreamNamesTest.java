package io.orderflow.core.exchange.binance.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.exchange.binance.MalformedMessageException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamNamesTest {

    @Test
    void everyStreamOfAFullConnectionKeepsItsEntry() throws MalformedMessageException {
        StreamNames names = new StreamNames();
        List<StreamName> first = new ArrayList<>();
        for (int i = 0; i < 1_024; i++) {
            first.add(names.lookup(name(i)));
        }

        for (int i = 0; i < 1_024; i++) {
            char[] chars = ("xx" + name(i) + "yy").toCharArray();
            assertThat(names.lookup(chars, 2, chars.length - 4)).isSameAs(first.get(i));
            assertThat(names.lookup(name(i))).isSameAs(first.get(i));
        }
        assertThat(names.size()).isEqualTo(1_024);
        assertThat(first.get(7)).isEqualTo(StreamName.parse(name(7)));
    }

    @Test
    void aMalformedNameIsNotKept() {
        StreamNames names = new StreamNames();

        assertThatThrownBy(() -> names.lookup("not a stream")).isInstanceOf(MalformedMessageException.class);
        assertThat(names.size()).isZero();
    }

    @Test
    void pastItsLimitItStartsAfresh() throws MalformedMessageException {
        StreamNames names = new StreamNames();
        for (int i = 0; i < StreamNames.MAX_NAMES + 10; i++) {
            names.lookup(name(i));
        }

        assertThat(names.size()).isEqualTo(10);
        assertThat(names.lookup(name(StreamNames.MAX_NAMES + 3)).name()).isEqualTo(name(StreamNames.MAX_NAMES + 3));
    }

    private static String name(int i) {
        return String.format("s%04dusdt@%s", i / 3, i % 3 == 0 ? "aggTrade" : i % 3 == 1 ? "depth@100ms" : "bookTicker");
    }
}
