package io.orderflow.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.replay.RecordedMessage.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptofeedReaderTest {

    @TempDir
    Path dir;

    @Test
    void mergesTheWebSocketAndRestFilesByReceiveTimeWebSocketFirstOnTies() throws IOException {
        Path ws = write("x.ws.1.0", """
                wss://stream.binance.com:9443/stream?streams=btcusdt@trade <-> 1600000000.5
                1600000001.25: {"a":1}

                1600000002.000001: {"a":2}
                wss://stream.binance.com:9443/stream?streams=btcusdt@trade <-> 1600000002.5
                1600000003: {"a":3}
                """);
        Path http = write("x.http.0.0", """
                https://api.binance.com/api/v3/depth?symbol=btcusdt&limit=1000 -> 1600000000.9: {"s":1}
                https://api.binance.com/api/v3/depth?limit=1000&symbol=ETHUSDT -> 1600000002.000001: {"s":2}
                https://api.binance.com/api/v3/aggTrades?symbol=ETHUSDT -> 1600000009: [3]
                """);

        List<RecordedMessage> messages = readAll(new CryptofeedReader(ws, http));

        assertThat(messages).containsExactly(
                new RecordedMessage(1_600_000_000_900_000_000L, Kind.DEPTH_SNAPSHOT,
                        "https://api.binance.com/api/v3/depth?symbol=btcusdt&limit=1000", "BTCUSDT", "{\"s\":1}"),
                new RecordedMessage(1_600_000_001_250_000_000L, Kind.WEBSOCKET, null, null, "{\"a\":1}"),
                new RecordedMessage(1_600_000_002_000_001_000L, Kind.WEBSOCKET, null, null, "{\"a\":2}"),
                new RecordedMessage(1_600_000_002_000_001_000L, Kind.DEPTH_SNAPSHOT,
                        "https://api.binance.com/api/v3/depth?limit=1000&symbol=ETHUSDT", "ETHUSDT", "{\"s\":2}"),
                new RecordedMessage(1_600_000_003_000_000_000L, Kind.WEBSOCKET, null, null, "{\"a\":3}"),
                new RecordedMessage(1_600_000_009_000_000_000L, Kind.AGG_TRADES,
                        "https://api.binance.com/api/v3/aggTrades?symbol=ETHUSDT", "ETHUSDT", "[3]"));
        assertThat(messages.get(1).receiveTimeMs()).isEqualTo(1_600_000_001_250L);
    }

    @Test
    void readsAWebSocketFileAlone() throws IOException {
        Path ws = write("x.ws.1.0", "wss://x <-> 1\n1.5: {}\n");

        assertThat(readAll(new CryptofeedReader(ws, null)))
                .containsExactly(new RecordedMessage(1_500_000_000L, Kind.WEBSOCKET, null, null, "{}"));
    }

    @Test
    void aLineWithoutItsTimeIsAnErrorNamingTheLine() throws IOException {
        Path ws = write("x.ws.1.0", "wss://x <-> 1\n1.5: {}\n{\"no\":\"time\"}\n");

        assertThatThrownBy(() -> readAll(new CryptofeedReader(ws, null)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("x.ws.1.0:3");
    }

    @Test
    void readsTheRecordedFuturesSessionInTimeOrder() throws IOException {
        Path recordings = Recordings.dir("cryptofeed");
        List<RecordedMessage> messages = readAll(new CryptofeedReader(
                recordings.resolve("BINANCE_FUTURES.ws.1.0"), recordings.resolve("BINANCE_FUTURES.http.0.0")));

        // 1,535 message lines after the connection line, and 4 REST snapshots.
        assertThat(messages).hasSize(1_539);
        assertThat(messages).filteredOn(m -> m.kind() == Kind.DEPTH_SNAPSHOT)
                .extracting(RecordedMessage::symbol)
                .containsExactly("SUSHIUSDT", "AKROUSDT", "KEEPUSDT", "CTKUSDT");
        assertThat(messages.get(0).receiveTimeNanos()).isEqualTo(1_626_992_741_062_170_000L);
        for (int i = 1; i < messages.size(); i++) {
            assertThat(messages.get(i).receiveTimeNanos()).isGreaterThanOrEqualTo(messages.get(i - 1).receiveTimeNanos());
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    static List<RecordedMessage> readAll(MessageReader reader) throws IOException {
        List<RecordedMessage> messages = new ArrayList<>();
        try (reader) {
            RecordedMessage message;
            while ((message = reader.next()) != null) {
                messages.add(message);
            }
        }
        return messages;
    }
}
