package io.orderflow.core.exchange.binance.wire;

import static io.orderflow.core.exchange.binance.wire.WireReader.ABSENT;

import io.orderflow.core.exchange.binance.MalformedMessageException;
import java.io.IOException;

/**
 * The answer to a WebSocket method call ({@code SUBSCRIBE}, ...): {@code {"result":null,"id":1}} on
 * success, {@code {"error":{"code":2,"msg":".."},"id":1}} or the older flat
 * {@code {"code":2,"msg":"..","id":1}} on failure.
 */
public record MethodResponse(
        long id, // The request's id echoed back (NO_ID when null or missing)
        ErrorBody error) { // Why the call failed; null on success ("result", a query's answer, is not kept)

    /** The id of an answer that carries none (Binance answers unparseable requests with {@code "id":null}). */
    public static final long NO_ID = -1;

    /** A first key that marks a method response rather than a market event. */
    public static boolean startsResponse(String firstKey) {
        return switch (firstKey) {
            case "result", "id", "error", "code", "msg" -> true;
            default -> false;
        };
    }

    public static MethodResponse read(WireReader in) throws IOException, MalformedMessageException {
        long id = NO_ID;
        ErrorBody error = null;
        long code = ABSENT;
        String msg = null;
        boolean result = false;
        while (in.nextField()) {
            switch (in.field()) {
                case "result" -> {
                    result = true;
                    in.skipValue();
                }
                case "id" -> id = in.integerOrNull(NO_ID);
                case "error" -> {
                    in.expectObject();
                    error = ErrorBody.read(in);
                }
                case "code" -> code = in.signedInteger();
                case "msg" -> msg = in.text();
                default -> in.skipValue();
            }
        }
        if (error == null && code != ABSENT) {
            error = new ErrorBody(code, in.required(msg, "msg"));
        }
        if (error == null && !result) {
            throw in.malformed("method response with neither result nor error");
        }
        return new MethodResponse(id, error);
    }
}
