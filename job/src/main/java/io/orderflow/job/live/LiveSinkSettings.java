package io.orderflow.job.live;

import java.io.Serializable;
import java.net.URI;

/**
 * Where and how the live sink sends.
 *
 * @param url the server's ingest endpoint, {@code ws://HOST:PORT/ingest}
 * @param token sent as {@code Authorization: Bearer <token>}; empty for none
 * @param bufferRows messages each subtask keeps while the server is down or slow; beyond them the
 *     oldest are dropped
 */
public record LiveSinkSettings(URI url, String token, int bufferRows) implements Serializable {

    public LiveSinkSettings {
        if (bufferRows < 1) {
            throw new IllegalArgumentException("bufferRows must be at least 1, not " + bufferRows);
        }
    }

    /** Without the token, which must not reach a log. */
    @Override
    public String toString() {
        return "LiveSinkSettings[url=" + url + ", token=" + (token.isEmpty() ? "none" : "(set)")
                + ", bufferRows=" + bufferRows + "]";
    }
}
