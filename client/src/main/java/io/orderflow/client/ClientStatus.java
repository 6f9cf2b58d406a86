package io.orderflow.client;

import java.net.URI;
import java.time.Duration;

/**
 * What {@link OrderflowClient}'s connection goes through, in this order: {@code Connecting}, then
 * {@code Connected} or {@code Disconnected}; after {@code Disconnected}, {@code Reconnecting} and
 * {@code Connecting} again, or {@code Closed}. {@code Warning} comes at any time: something the client
 * could not do and did not hide (a listener's rows dropped, a gap left unfilled, a resubscription refused).
 */
public sealed interface ClientStatus {

    /** Attempt {@code attempt} to open the WebSocket (0 for the first connection). */
    record Connecting(URI endpoint, int attempt) implements ClientStatus {}

    record Connected(URI endpoint) implements ClientStatus {}

    /** The connection ended, or could not be opened: {@code reason} says which; {@code cause} may be null. */
    record Disconnected(String reason, Throwable cause) implements ClientStatus {}

    /** Attempt {@code attempt} follows after {@code delay}. */
    record Reconnecting(int attempt, Duration delay) implements ClientStatus {}

    /** The last status: {@link OrderflowClient#close()} was called, or the client gave up reconnecting. */
    record Closed(String reason) implements ClientStatus {}

    record Warning(String message) implements ClientStatus {}
}
