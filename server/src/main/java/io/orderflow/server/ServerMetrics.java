package io.orderflow.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The server's counters, read by /health and /metrics. */
final class ServerMetrics {

    final LongAdder rowsIn = new LongAdder();
    final LongAdder rowsOut = new LongAdder();
    final LongAdder staleRows = new LongAdder();
    final LongAdder badMessages = new LongAdder();
    final LongAdder conflatedRows = new LongAdder();
    final LongAdder slowClientCloses = new LongAdder();
    final LongAdder silentClientCloses = new LongAdder();
    final LongAdder clientErrors = new LongAdder();
    final LongAdder rateLimited = new LongAdder();
    final AtomicInteger clients = new AtomicInteger();
    final AtomicInteger ingestConnections = new AtomicInteger();
    final LatencyHistogram sendLatency = new LatencyHistogram();
}
