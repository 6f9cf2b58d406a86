package io.orderflow.core.replay;

import io.orderflow.core.replay.RecordedMessage.Kind;
import java.io.IOException;
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
    private final LineReader lines;
    private final ArrayDeque<RecordedMessage> readAhead = new ArrayDeque<>();
    private String symbol;
    private long lineNumber;

    HftbacktestReader(Path file) throws IOException {
        this.file = file;
        this.lines = new LineReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16), 1 << 16);
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
        boolean more;
        do {
            more = lines.next();
            lineNumber++;
        } while (more && lines.isBlank());
        if (!more) {
            return null;
        }
        int start = lines.start();
        int space = lines.indexOf((byte) ' ', start);
        long nanos = recvTimeNanos(start, space);
        String text = lines.text(space + 1, lines.end());
        if (text.startsWith(SNAPSHOT_START)) {
            return new RecordedMessage(nanos, Kind.DEPTH_SNAPSHOT, null, null, text);
        }
        if (symbol == null && text.startsWith(STREAM_START)) {
            int at = text.indexOf('@', STREAM_START.length());
            symbol = at < 0 ? null : text.substring(STREAM_START.length(), at).toUpperCase(Locale.ROOT);
        }
        return new RecordedMessage(nanos, Kind.WEBSOCKET, null, null, text);
    }

    /** The {@code <recv_ts_ns>} prefix of the current line, its digits in {@code [start, space)}. */
    private long recvTimeNanos(int start, int space) throws IOException {
        byte[] bytes = lines.buffer();
        long nanos = 0;
        boolean valid = space > start && space - start <= 19;
        for (int i = start; valid && i < space; i++) {
            int digit = bytes[i] - '0';
            valid = digit >= 0 && digit <= 9;
            nanos = nanos * 10 + digit;
        }
        if (!valid || nanos < 0) { // 19 digits beyond Long.MAX_VALUE wrap negative
            throw new IOException("no <recv_ts_ns> prefix at " + file + ":" + lineNumber);
        }
        return nanos;
    }
}
