package io.orderflow.core.replay;

import static io.orderflow.core.replay.CryptofeedReaderTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.replay.RecordedMessage.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HftbacktestReaderTest {

    private static final String SNAPSHOT = "{\"lastUpdateId\":7,\"bids\":[],\"asks\":[]}";
    private static final String TRADE = "{\"stream\":\"ethusdt@trade\",\"data\":{}}";

    @TempDir
    Path dir;

    @Test
    void aSnapshotTakesTheSymbolOfTheStreamsEvenBeforeTheFirstStreamMessage() throws IOException {
        Path file = gzip("1000000001 " + SNAPSHOT + "\n"
                + "1000000002 " + SNAPSHOT + "\n"
                + "\n"
                + "1000000003 " + TRADE + "\n");

        assertThat(readAll(new HftbacktestReader(file))).containsExactly(
                new RecordedMessage(1_000_000_001L, Kind.DEPTH_SNAPSHOT, null, "ETHUSDT", SNAPSHOT),
                new RecordedMessage(1_000_000_002L, Kind.DEPTH_SNAPSHOT, null, "ETHUSDT", SNAPSHOT),
                new RecordedMessage(1_000_000_003L, Kind.WEBSOCKET, null, null, TRADE));
    }

    @Test
    void aSnapshotInAFileWithoutStreamsIsAnError() throws IOException {
        Path file = gzip("1 " + SNAPSHOT + "\n");

        assertThatThrownBy(() -> readAll(new HftbacktestReader(file)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("names the symbol");
    }

    @Test
    void aLineWithoutItsTimeIsAnErrorNamingTheLine() throws IOException {
        Path file = gzip("1 " + TRADE + "\n" + TRADE + "\n");

        assertThatThrownBy(() -> readAll(new HftbacktestReader(file)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(":2");
    }

    @Test
    void readsTheRecordedBtcusdtFile() throws IOException {
        List<RecordedMessage> messages = readAll(Recordings.btcusdt().open());

        // 3,451 diffs, 9,757 trades, 28,040 tickers and one snapshot, the 8th line.
        assertThat(messages).hasSize(41_249);
        assertThat(messages.get(7).kind()).isEqualTo(Kind.DEPTH_SNAPSHOT);
        assertThat(messages.get(7).symbol()).isEqualTo("BTCUSDT");
        assertThat(messages.get(7).receiveTimeNanos()).isEqualTo(1_723_161_254_206_652_067L);
        assertThat(messages).filteredOn(m -> m.kind() != Kind.WEBSOCKET).hasSize(1);
    }

    private Path gzip(String text) throws IOException {
        Path file = dir.resolve("recording.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
