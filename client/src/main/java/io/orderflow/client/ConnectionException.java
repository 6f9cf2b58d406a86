package io.orderflow.client;

import java.net.URI;

/** The client cannot connect to the server's WebSocket: the URL and the last failure say why. */
public final class ConnectionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final URI endpoint;

    ConnectionException(URI endpoint, String problem, Throwable cause) {
        super("cannot connect to " + endpoint + ": " + problem, cause);
        this.endpoint = endpoint;
    }

    public URI endpoint() {
        return endpoint;
    }
}
