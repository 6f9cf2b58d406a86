package io.orderflow.replay;

import io.orderflow.replay.RecordedMessage.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads a recording of nkaz001/hftbacktest's Binance collector: gzip text, one
 * {@code <recv_ts_ns> <message>} per line, where a message is a combined-stream WebSocket message
 * or, when a REST depth snapshot arrived, the bare response ({@code {"lastUpdateId":..}}).
 *
 * <p>The snapshot does not name its symbol: it is the symbol of the file's streams (one symbol per
 * file, as the collector writes them). If a snapshot comes before any stream message, the reader
 * reads ahead to the first one to learn it.
 */
final class HftbacktestReader implements MessageReader {

    private static final String SNAPSHOT_START = "{\"lastUpdateId\"";
    private static final String STREAM_START = "{\"stream\":\"";

    private final Path file;
    private final BufferedReader lines;
    private final ArrayDeque<RecordedMessage> readAhead = new ArrayDeque<>();
    private String symbol;
    private long lineNumber;

    HftbacktestReader(Path file) throws IOException {
        this.file = file;
        this.lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public RecordedMessage next() throws IOException {
        if (readAhead.isEmpty()) {
            RecordedMessage message = read();
            if (message == null) {
                return null;
            }
            readAhead.add(message);
        }
        if (readAhead.peekFirst().kind() == Kind.DEPTH_SNAPSHOT) {
            learnSymbol();
            RecordedMessage snapshot = readAhead.pollFirst();
            return new RecordedMessage(snapshot.receiveTimeNanos(), snapshot.kind(), null, symbol, snapshot.text());
        }
        return readAhead.pollFirst();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    private void learnSymbol() throws IOException {
        while (symbol == null) {
            RecordedMessage message = read();
            if (message == null) {
                throw new IOException("no stream in " + file + " names the symbol of its depth snapshot");
            }
            readAhead.addLast(message);
        }
    }

    /** The next non-blank line as a message (snapshots without their symbol yet), or null. */
    private RecordedMessage read() throws IOException {
        String line;
        do {
            line = lines.readLine();
            lineNumber++;
        } while (line != null && line.isBlank());
        if (line == null) {
            return null;
        }
        int space = line.indexOf(' ');
        long nanos;
        try {
            nanos = Long.parseLong(line, 0, Math.max(space, 0), 10);
        } catch (NumberFormatException e) {
            throw new IOException("no <recv_ts_ns> prefix at " + file + ":" + lineNumber, e);
        }
        String text = line.substring(space + 1);
        if (text.startsWith(SNAPSHOT_START)) {
            return new RecordedMessage(nanos, Kind.DEPTH_SNAPSHOT, null, null, text);
        }
        if (symbol == null && text.startsWith(STREAM_START)) {
            int at = text.indexOf('@', STREAM_START.length());
            symbol = at < 0 ? null : text.substring(STREAM_START.length(), at).toUpperCase(Locale.ROOT);
        }
        return new RecordedMessage(nanos, Kind.WEBSOCKET, null, null, text);
    }
}
