package io.orderflow.core.replay;

import io.orderflow.core.replay.RecordedMessage.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a recording of bmoscon/cryptofeed's raw-data recorder: the WebSocket file
 * ({@code *.ws.*}: a connection line {@code <ws url> <-> <epoch_s>}, then one
 * {@code <epoch_s>: <message>} per line) and, if there is one, the REST file
 * ({@code *.http.*}: {@code <rest url> -> <epoch_s>: <response>}), merged into one sequence by
 * receive time; on equal times the WebSocket message comes first. Blank lines are skipped.
 */
final class CryptofeedReader implements MessageReader {

    private static final String CONNECTION_MARK = " <-> ";
    private static final String REST_MARK = " -> ";
    private static final String TIME_END = ": ";

    private final LineSource ws;
    private final LineSource http;
    private boolean started;
    private RecordedMessage nextWs;
    private RecordedMessage nextHttp;

    /** @param httpFile the REST file, or null if the recording has none */
    CryptofeedReader(Path wsFile, Path httpFile) throws IOException {
        this.ws = new LineSource(wsFile);
        try {
            this.http = httpFile == null ? null : new LineSource(httpFile);
        } catch (IOException e) {
            ws.close();
            throw e;
        }
    }

    @Override
    public RecordedMessage next() throws IOException {
        if (!started) {
            nextWs = readWs();
            nextHttp = readHttp();
            started = true;
        }
        if (nextWs == null && nextHttp == null) {
            return null;
        }
        RecordedMessage next;
        if (nextHttp == null || (nextWs != null && nextWs.receiveTimeNanos() <= nextHttp.receiveTimeNanos())) {
            next = nextWs;
            nextWs = readWs();
        } else {
            next = nextHttp;
            nextHttp = readHttp();
        }
        return next;
    }

    @Override
    public void close() throws IOException {
        try {
            ws.close();
        } finally {
            if (http != null) {
                http.close();
            }
        }
    }

    private RecordedMessage readWs() throws IOException {
        String line;
        while ((line = ws.nextLine()) != null) {
            if (Character.isDigit(line.charAt(0))) {
                int timeEnd = ws.require(line.indexOf(TIME_END), line);
                return new RecordedMessage(ws.nanos(line.substring(0, timeEnd), line), Kind.WEBSOCKET, null, null,
                        line.substring(timeEnd + TIME_END.length()));
            }
            // Otherwise a connection line: it starts the file (and each reconnection, if logged).
            ws.require(line.indexOf(CONNECTION_MARK), line);
        }
        return null;
    }

    private RecordedMessage readHttp() throws IOException {
        String line = http == null ? null : http.nextLine();
        if (line == null) {
            return null;
        }
        int urlEnd = http.require(line.indexOf(REST_MARK), line);
        int timeEnd = http.require(line.indexOf(TIME_END, urlEnd), line);
        String url = line.substring(0, urlEnd);
        long nanos = http.nanos(line.substring(urlEnd + REST_MARK.length(), timeEnd), line);
        return new RecordedMessage(nanos, RestPaths.kind(url), url, RestPaths.symbol(url),
                line.substring(timeEnd + TIME_END.length()));
    }

    /** The non-blank lines of one file, numbered for error messages. */
    private static final class LineSource implements AutoCloseable {

        private final Path file;
        private final BufferedReader reader;
        private long lineNumber;

        LineSource(Path file) throws IOException {
            this.file = file;
            this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        }

        String nextLine() throws IOException {
            String line;
            do {
                line = reader.readLine();
                lineNumber++;
            } while (line != null && line.isBlank());
            return line;
        }

        int require(int index, String line) throws IOException {
            if (index < 0) {
                throw error(line, null);
            }
            return index;
        }

        /** Epoch seconds with a fraction, as the recorder prints them, to epoch nanoseconds exactly. */
        long nanos(String seconds, String line) throws IOException {
            try {
                return new BigDecimal(seconds.trim()).movePointRight(9).setScale(0, RoundingMode.FLOOR).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw error(line, e);
            }
        }

        private IOException error(String line, Exception cause) {
            String start = line.length() > 80 ? line.substring(0, 80) + "..." : line;
            return new IOException("not a cryptofeed recording line at " + file + ":" + lineNumber + ": " + start, cause);
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
