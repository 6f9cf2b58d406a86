package io.orderflow.server;

/** Whoever receives a stream's rows: a WebSocket client. {@link #deliver} must not block. */
interface Subscriber {

    void deliver(LiveMessage message);
}
