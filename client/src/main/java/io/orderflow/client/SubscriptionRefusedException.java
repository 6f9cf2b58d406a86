package io.orderflow.client;

import java.util.List;

/** The server refused a subscription (a bad stream name, too many subscriptions): its reason is the message. */
public final class SubscriptionRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> streams;
    private final String reason;

    SubscriptionRefusedException(List<String> streams, String reason) {
        super("the server refused the subscription to " + streams + ": " + reason);
        this.streams = List.copyOf(streams);
        this.reason = reason;
    }

    public List<String> streams() {
        return streams;
    }

    /** The server's words. */
    public String reason() {
        return reason;
    }
}
