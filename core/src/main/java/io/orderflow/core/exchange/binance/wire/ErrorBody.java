package io.orderflow.core.exchange.binance.wire;

import static io.orderflow.core.exchange.binance.wire.WireReader.ABSENT;

import io.orderflow.core.exchange.binance.MalformedMessageException;
import java.io.IOException;

/** Binance's error object, {@code {"code":-1121,"msg":"Invalid symbol."}} (REST, and WebSocket method calls). */
public record ErrorBody(
        long code, // Error code (negative on REST)
        String msg) { // What went wrong

    public static ErrorBody read(WireReader in) throws IOException, MalformedMessageException {
        long code = ABSENT;
        String msg = null;
        while (in.nextField()) {
            switch (in.field()) {
                case "code" -> code = in.signedInteger();
                case "msg" -> msg = in.text();
                default -> in.skipValue();
            }
        }
        return new ErrorBody(in.required(code, "code"), in.required(msg, "msg"));
    }

    @Override
    public String toString() {
        return "Binance error " + code + ": " + msg;
    }
}
