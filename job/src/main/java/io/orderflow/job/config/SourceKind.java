package io.orderflow.job.config;

/** Where the job's market data comes from. */
public enum SourceKind {
    /** The seeded synthetic market, generated inside the job. */
    EMBEDDED,
    /** Binance over WebSocket (BINANCE_WS_URL / BINANCE_REST_URL may point elsewhere, e.g. a loopback exchange). */
    BINANCE,
    /** A Binance-compatible exchange started in this process on loopback, read through the WebSocket source. */
    LOOPBACK,
    /** Recorded feeds (REPLAY_FILES), through the same parse and order-book code as the live source. */
    REPLAY;

    /**
     * Whether events carry the time this process received them. A replay carries the recording's, and
     * the embedded market its simulated clock's, which starts before the job does: a latency from them
     * to now would be a wrong number, not a slow job.
     */
    public boolean receiveTimeIsLocal() {
        return this == BINANCE || this == LOOPBACK;
    }
}
