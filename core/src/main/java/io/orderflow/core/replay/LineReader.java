package io.orderflow.core.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lines of a UTF-8 text stream, read as bytes: a line is found by its {@code '\n'} in the byte
 * buffer and only the part wanted becomes a {@code String}, with no char buffer between. For
 * recordings of Binance messages (ASCII JSON), this is about twice as fast as
 * {@code BufferedReader.readLine} followed by {@code substring}.
 *
 * <p>After {@link #next()} returns true the current line is {@code [start(), end())} of
 * {@link #buffer()}, without its {@code '\n'} or {@code "\r\n"}. Not thread-safe.
 */
final class LineReader implements AutoCloseable {

    private final InputStream in;
    private byte[] buffer;
    private int filled;
    private int lineStart;
    private int lineEnd;
    private int nextStart;
    private boolean eof;

    LineReader(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /** Moves to the next line; false at the end of the stream. A last line without {@code '\n'} counts. */
    boolean next() throws IOException {
        int scanFrom = nextStart;
        while (true) {
            for (int i = scanFrom; i < filled; i++) {
                if (buffer[i] == '\n') {
                    setLine(nextStart, i);
                    nextStart = i + 1;
                    return true;
                }
            }
            if (eof) {
                if (nextStart == filled) {
                    return false;
                }
                setLine(nextStart, filled);
                nextStart = filled;
                return true;
            }
            scanFrom = filled - nextStart;
            refill();
        }
    }

    byte[] buffer() {
        return buffer;
    }

    int start() {
        return lineStart;
    }

    int end() {
        return lineEnd;
    }

    /** The index of the first {@code b} in the current line at or after {@code from}, or -1. */
    int indexOf(byte b, int from) {
        for (int i = from; i < lineEnd; i++) {
            if (buffer[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the current line is blank (empty or only ASCII white space). */
    boolean isBlank() {
        for (int i = lineStart; i < lineEnd; i++) {
            if (buffer[i] > ' ') {
                return false;
            }
        }
        return true;
    }

    /** {@code [from, to)} of the current line as text. */
    String text(int from, int to) {
        return new String(buffer, from, to - from, StandardCharsets.UTF_8); // ASCII is copied, not decoded
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void setLine(int start, int newline) {
        lineStart = start;
        lineEnd = newline > start && buffer[newline - 1] == '\r' ? newline - 1 : newline;
    }

    /** Keeps the unfinished line at the front of the buffer (growing it for a long line) and reads on. */
    private void refill() throws IOException {
        int kept = filled - nextStart;
        if (nextStart == 0 && kept == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        } else {
            System.arraycopy(buffer, nextStart, buffer, 0, kept);
        }
        nextStart = 0;
        filled = kept;
        int read = in.read(buffer, filled, buffer.length - filled);
        if (read < 0) {
            eof = true;
        } else {
            filled += read;
        }
    }
}
