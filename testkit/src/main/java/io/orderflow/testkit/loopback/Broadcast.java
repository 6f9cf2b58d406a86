package io.orderflow.testkit.loopback;

/** Where the market's messages go: the WebSocket server, or a recorder in tests. */
interface Broadcast {

    /** Delivers {@code data}, a message's bare JSON, to every client subscribed to its topic. */
    void publish(Topic topic, String data);
}
