package io.orderflow.job;

import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.RawFrame;
import io.orderflow.core.model.Trade;
import io.orderflow.job.serde.RecordTypes;
import org.apache.flink.api.common.accumulators.ListAccumulator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits the market stream in one pass: trades to the main output; books, feed notices and raw
 * frames to their side outputs. The feed's reports ({@code feed_summary}, {@code book_unsynced})
 * also go to the {@value #FEED_REPORTS} accumulator, so that whoever ran the job learns of them
 * when it ends ({@link FeedReports}).
 */
public class MarketEventRouter extends ProcessFunction<MarketEvent, Trade> {

    public static final OutputTag<BookTop> BOOKS =
            new OutputTag<>("books", RecordTypes.BOOK_TOP);
    public static final OutputTag<MarketNotice> NOTICES =
            new OutputTag<>("notices", TypeInformation.of(MarketNotice.class));
    public static final OutputTag<RawFrame> RAW =
            new OutputTag<>("raw", TypeInformation.of(RawFrame.class));

    /** The accumulator of the feed's reports, each as {@link FeedReports#encode}. */
    public static final String FEED_REPORTS = "feed-reports";

    private transient ListAccumulator<String> feedReports;

    @Override
    public void open(OpenContext openContext) {
        feedReports = new ListAccumulator<>();
        getRuntimeContext().addAccumulator(FEED_REPORTS, feedReports);
    }

    @Override
    public void processElement(MarketEvent event, Context ctx, Collector<Trade> out) {
        if (event.trade() != null) {
            out.collect(event.trade());
        } else if (event.book() != null) {
            ctx.output(BOOKS, event.book());
        } else if (event.notice() != null) {
            MarketNotice notice = event.notice();
            if (FeedReports.isReport(notice)) {
                feedReports.add(FeedReports.encode(notice));
            }
            ctx.output(NOTICES, notice);
        } else {
            ctx.output(RAW, event.raw());
        }
    }
}
