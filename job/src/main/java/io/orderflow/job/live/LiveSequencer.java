package io.orderflow.job.live;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by stream: numbers each stream's rows one after another and writes each as its live
 * message, {@code {"stream":..,"seq":..,"data":{..}}}. The last number is keyed state, restored with
 * the checkpoint, so the rows a restored job sends again carry the numbers they had the first time
 * and the server can drop them. A stream without state (a job started afresh) starts above every
 * number an earlier run can have given it: at its first row's processing time in milliseconds
 * times {@value #SEQ_PER_MS}, plus one (docs/live-protocol.md#sequence-numbers).
 */
public final class LiveSequencer extends KeyedProcessFunction<String, LiveRow, String> {

    private static final long serialVersionUID = 1L;

    static final String STATE = "live-seq";

    /**
     * An earlier run stays below a later run's first number unless it averaged more rows per
     * millisecond than this; and the numbers stay below 2^53 (JavaScript's exact integers) for
     * another two centuries.
     */
    static final long SEQ_PER_MS = 1_000;

    private transient ValueState<Long> lastSeq;
    private transient StringBuilder message;

    @Override
    public void open(OpenContext openContext) {
        lastSeq = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE, Types.LONG));
        message = new StringBuilder(512);
    }

    @Override
    public void processElement(LiveRow row, Context ctx, Collector<String> out) throws Exception {
        Long last = lastSeq.value();
        long seq = last == null ? firstSeq(ctx.timerService().currentProcessingTime()) : last + 1;
        lastSeq.update(seq);
        // Stream names are lower-case symbols, '@' and a kind: nothing in them needs escaping.
        message.setLength(0);
        message.append("{\"stream\":\"").append(row.stream()).append("\",\"seq\":").append(seq)
                .append(",\"data\":").append(row.data()).append('}');
        out.collect(message.toString());
    }

    static long firstSeq(long processingTimeMs) {
        return processingTimeMs * SEQ_PER_MS + 1;
    }
}
