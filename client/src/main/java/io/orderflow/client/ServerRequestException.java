package io.orderflow.client;

import java.net.URI;

/**
 * A request to the server that failed: no answer (status 0: cannot connect, timed out, interrupted),
 * an error status with the server's {@code {"error": ...}} text, or an answer that is not what the
 * endpoint returns.
 */
public final class ServerRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final URI url;
    private final int status;

    ServerRequestException(URI url, int status, String problem, Throwable cause) {
        super("GET " + url + (status == 0 ? " failed: " : " answered " + status + ": ") + problem, cause);
        this.url = url;
        this.status = status;
    }

    public URI url() {
        return url;
    }

    /** The HTTP status, 0 when no answer came. */
    public int status() {
        return status;
    }
}
