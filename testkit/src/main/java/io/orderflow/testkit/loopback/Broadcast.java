package io.orderflow.testkit.loopback;

/** Where the market's messages go: the WebSocket server, or a recorder in tests. */
interface Broadcast {

    /** Delivers {@code data}, a message's bare JSON, to every client subscribed to its topic. */
    void publish(Topic topic, String data);

    /**
     * Whether some client is subscribed to {@code topic} now: a message nobody takes is not worth
     * writing (at hundreds of symbols, most partial-depth and {@code @trade} topics have no client).
     */
    default boolean wants(Topic topic) {
        return true;
    }
}
