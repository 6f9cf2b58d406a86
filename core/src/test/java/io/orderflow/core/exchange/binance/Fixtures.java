package io.orderflow.core.exchange.binance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The message fixtures under {@code core/src/test/resources/binance/ws_messages/}. */
final class Fixtures {

    private Fixtures() {}

    /** The JSON text of a fixture file, without its final newline. */
    static String message(String file) {
        String path = "/binance/ws_messages/" + file;
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
