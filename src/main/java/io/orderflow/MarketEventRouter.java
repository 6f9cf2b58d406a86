package io.orderflow;

import io.orderflow.model.BookTop;
import io.orderflow.model.MarketEvent;
import io.orderflow.model.Trade;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Splits the market stream in one pass: trades to the main output, books to {@link #BOOKS}. */
public class MarketEventRouter extends ProcessFunction<MarketEvent, Trade> {

    public static final OutputTag<BookTop> BOOKS =
            new OutputTag<>("books", TypeInformation.of(BookTop.class));

    @Override
    public void processElement(MarketEvent event, Context ctx, Collector<Trade> out) {
        if (event.isTrade()) {
            out.collect(event.trade());
        } else {
            ctx.output(BOOKS, event.book());
        }
    }
}
