package io.orderflow.job.live;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The live output: each subtask sends its messages to the stream server's ingest endpoint over one
 * WebSocket (see {@link LiveWriter}). It never fails or slows the job: Parquet is the record, and a
 * message the server could not take in time is dropped and counted.
 */
public final class LiveSink implements Sink<String> {

    private static final long serialVersionUID = 1L;

    /** Messages the server took. */
    public static final String SENT = "live_rows_sent_total";
    /** Messages dropped: pushed out of a full buffer, or in a batch whose send failed. */
    public static final String DROPPED = "live_rows_dropped_total";
    /** 1 while the subtask's ingest connection is open. */
    public static final String CONNECTED = "live_connected";

    private final LiveSinkSettings settings;

    public LiveSink(LiveSinkSettings settings) {
        this.settings = settings;
    }

    @Override
    public SinkWriter<String> createWriter(WriterInitContext context) {
        return new LiveWriter(settings, context.metricGroup(), "live sink " + context.getTaskInfo().getIndexOfThisSubtask());
    }

    @Override
    public String toString() {
        return "LiveSink[" + settings + "]";
    }
}
