package io.orderflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.PriceRow;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks on harvested trades of the embedded market, which numbers each symbol's trades consecutively. */
public final class TradeIds {

    private TradeIds() {}

    /** Every symbol present, and each symbol's trade ids an unbroken run without a repeat. */
    public static void assertContiguousWithoutDuplicates(List<PriceRow> rows, Collection<String> symbols) {
        Map<String, List<Long>> ids = rows.stream().collect(Collectors.groupingBy(PriceRow::symbol,
                Collectors.mapping(PriceRow::aggTradeId, Collectors.toList())));
        assertThat(ids.keySet()).containsExactlyInAnyOrderElementsOf(symbols);
        ids.forEach((symbol, list) -> {
            long distinct = list.stream().distinct().count();
            long span = list.stream().mapToLong(Long::longValue).max().orElseThrow()
                    - list.stream().mapToLong(Long::longValue).min().orElseThrow() + 1;
            assertThat(distinct).as(symbol + ": trades written twice").isEqualTo(list.size());
            assertThat(span).as(symbol + ": trades missing").isEqualTo(list.size());
        });
    }
}
