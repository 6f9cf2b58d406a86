package io.orderflow.job.source.binance.reader;

import io.orderflow.core.exchange.binance.MalformedMessageException;

/**
 * Joins the parts of a text message the WebSocket delivers in pieces ({@code onText} with
 * {@code last=false}: fragmented frames, or a message larger than the client's buffer). A message
 * longer than the limit is dropped whole rather than held in memory.
 */
final class TextAssembler {

    /** Binance's largest messages (depth20 of a busy symbol) are a few KB. */
    static final int DEFAULT_MAX_CHARS = 4 << 20;

    private final int maxChars;
    private final StringBuilder partial = new StringBuilder();
    private boolean discarding;

    TextAssembler(int maxChars) {
        this.maxChars = maxChars;
    }

    TextAssembler() {
        this(DEFAULT_MAX_CHARS);
    }

    /**
     * The whole message once its last part arrives, else null.
     *
     * @throws MalformedMessageException when the message outgrows the limit (thrown once; its
     *     remaining parts are skipped)
     */
    String append(CharSequence part, boolean last) throws MalformedMessageException {
        if (discarding) {
            discarding = !last;
            return null;
        }
        if (last && partial.length() == 0) {
            return part.toString();
        }
        if (partial.length() + part.length() > maxChars) {
            partial.setLength(0);
            partial.trimToSize();
            discarding = !last;
            throw new MalformedMessageException("message longer than " + maxChars + " characters");
        }
        partial.append(part);
        if (!last) {
            return null;
        }
        String whole = partial.toString();
        partial.setLength(0);
        return whole;
    }
}
