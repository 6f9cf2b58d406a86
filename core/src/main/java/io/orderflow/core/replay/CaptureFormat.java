package io.orderflow.core.replay;

import io.orderflow.core.model.RawFrame;
import io.orderflow.core.replay.RecordedMessage.Kind;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The project's own capture format: every message a source received, with its receive time, so that
 * it can be replayed later through the same parse and book code.
 *
 * <p>gzip-compressed UTF-8 text, one message per line:
 *
 * <pre>{@code <recv_ts_ms> <stream> <payload>}</pre>
 *
 * <ul>
 *   <li>{@code recv_ts_ms}: receive time, epoch ms ({@link RawFrame#receiveTimeMs()});
 *   <li>{@code stream}: the WebSocket stream ({@code btcusdt@depth@100ms}), {@code rest:<path>} for a
 *       REST response ({@code rest:/api/v3/depth?symbol=BTCUSDT&limit=1000}), or
 *       {@link RawFrame#CONNECTION} for a connection-level message; never empty, no whitespace;
 *   <li>{@code payload}: the text as received (for WebSocket, the combined-stream message), with
 *       {@code \}, line feed and carriage return escaped as {@code \\}, {@code \n}, {@code \r} so a
 *       message stays on one line. Binance's compact JSON contains none of them, so in practice
 *       payloads are stored verbatim and the files read like the feed.
 * </ul>
 *
 * <p>A frame's symbol is not stored: it follows from the stream ({@link #symbolOf}), so build the
 * frames you capture with it and they read back equal.
 */
public final class CaptureFormat {

    /** The stream prefix of a REST response. */
    public static final String REST_PREFIX = "rest:";

    private CaptureFormat() {}

    /** The symbol a capture stream is about: upper case, or {@link RawFrame#CONNECTION} if none. */
    public static String symbolOf(String stream) {
        String symbol;
        if (stream.startsWith(REST_PREFIX)) {
            symbol = RestPaths.symbol(stream);
        } else {
            // A market-wide stream (!miniTicker@arr) names no symbol.
            int at = stream.indexOf('@');
            symbol = at > 0 && stream.charAt(0) != '!' ? stream.substring(0, at).toUpperCase(Locale.ROOT) : null;
        }
        return symbol == null ? RawFrame.CONNECTION : symbol;
    }

    /** Writes a new capture to {@code out}, which the writer closes. */
    public static CaptureWriter writer(OutputStream out) throws IOException {
        return new CaptureWriter(out);
    }

    public static CaptureWriter writer(Path file) throws IOException {
        return writer(Files.newOutputStream(file));
    }

    /** Reads a capture from {@code in}, which the reader closes. */
    public static CaptureReader reader(InputStream in) throws IOException {
        return new CaptureReader(in);
    }

    public static CaptureReader reader(Path file) throws IOException {
        return reader(Files.newInputStream(file));
    }

    /** A capture's frames as recorded messages, for replay. */
    static MessageReader messages(Path file) throws IOException {
        CaptureReader frames = reader(file);
        return new MessageReader() {
            @Override
            public RecordedMessage next() throws IOException {
                RawFrame frame = frames.next();
                return frame == null ? null : toMessage(frame);
            }

            @Override
            public void close() throws IOException {
                frames.close();
            }
        };
    }

    public static RecordedMessage toMessage(RawFrame frame) {
        long nanos = frame.receiveTimeMs() * 1_000_000L;
        String stream = frame.stream();
        if (stream.startsWith(REST_PREFIX)) {
            String path = stream.substring(REST_PREFIX.length());
            return new RecordedMessage(nanos, RestPaths.kind(path), path, frame.symbol(), frame.payload());
        }
        // The stream name lets the parser read a raw payload (one without {"stream":..}) too.
        return new RecordedMessage(nanos, Kind.WEBSOCKET, stream.indexOf('@') > 0 ? stream : null, null,
                frame.payload());
    }

    /** Appends frames to a capture. Not thread-safe. */
    public static final class CaptureWriter implements Closeable, Flushable {

        private final Writer out;

        private CaptureWriter(OutputStream out) throws IOException {
            // syncFlush: flush() pushes everything written so far into the file, so a capture cut
            // short by a crash keeps all it had flushed.
            this.out = new BufferedWriter(new OutputStreamWriter(
                    new GZIPOutputStream(out, 1 << 16, true), StandardCharsets.UTF_8), 1 << 16);
        }

        public void write(RawFrame frame) throws IOException {
            String stream = frame.stream();
            if (stream.isEmpty() || stream.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a capture stream must be a non-empty word, got '" + stream + "'");
            }
            out.write(Long.toString(frame.receiveTimeMs()));
            out.write(' ');
            out.write(stream);
            out.write(' ');
            out.write(escape(frame.payload()));
            out.write('\n');
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        private static String escape(String payload) {
            if (payload.indexOf('\\') < 0 && payload.indexOf('\n') < 0 && payload.indexOf('\r') < 0) {
                return payload;
            }
            StringBuilder escaped = new StringBuilder(payload.length() + 16);
            for (int i = 0; i < payload.length(); i++) {
                char c = payload.charAt(i);
                switch (c) {
                    case '\\' -> escaped.append("\\\\");
                    case '\n' -> escaped.append("\\n");
                    case '\r' -> escaped.append("\\r");
                    default -> escaped.append(c);
                }
            }
            return escaped.toString();
        }
    }

    /** Reads a capture's frames in order. */
    public static final class CaptureReader implements Closeable {

        private final BufferedReader in;
        private long lineNumber;

        private CaptureReader(InputStream in) throws IOException {
            this.in = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(in, 1 << 16), StandardCharsets.UTF_8), 1 << 16);
        }

        /** The next frame, or null at the end. */
        public RawFrame next() throws IOException {
            String line = in.readLine();
            lineNumber++;
            if (line == null) {
                return null;
            }
            int timeEnd = line.indexOf(' ');
            int streamEnd = timeEnd < 0 ? -1 : line.indexOf(' ', timeEnd + 1);
            if (streamEnd < 0) {
                throw new IOException("capture line " + lineNumber + " is not '<recv_ts_ms> <stream> <payload>'");
            }
            long receiveTimeMs;
            try {
                receiveTimeMs = Long.parseLong(line, 0, timeEnd, 10);
            } catch (NumberFormatException e) {
                throw new IOException("capture line " + lineNumber + " has no epoch-ms receive time", e);
            }
            String stream = line.substring(timeEnd + 1, streamEnd);
            return new RawFrame(receiveTimeMs, symbolOf(stream), stream, unescape(line.substring(streamEnd + 1)));
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        private static String unescape(String payload) {
            if (payload.indexOf('\\') < 0) {
                return payload;
            }
            StringBuilder plain = new StringBuilder(payload.length());
            for (int i = 0; i < payload.length(); i++) {
                char c = payload.charAt(i);
                if (c == '\\' && i + 1 < payload.length()) {
                    char escaped = payload.charAt(++i);
                    plain.append(escaped == 'n' ? '\n' : escaped == 'r' ? '\r' : escaped);
                } else {
                    plain.append(c);
                }
            }
            return plain.toString();
        }
    }
}
