package io.orderflow.job.source.binance;

/** How a connection asks for its streams. */
public enum SubscribeMode {
    /** In the URL: {@code /stream?streams=a/b}. Nothing to send, nothing to wait for. */
    URL,
    /**
     * Connect bare to {@code /stream}, send {@code {"method":"SUBSCRIBE","params":[..],"id":N}} and
     * wait for {@code {"result":null,"id":N}}; no answer within the request timeout means reconnect.
     */
    SUBSCRIBE
}
