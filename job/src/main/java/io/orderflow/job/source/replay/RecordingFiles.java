package io.orderflow.job.source.replay;

import io.orderflow.core.replay.Recording;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Tells a recording's format from its file, so a replay can be given plain file names:
 *
 * <ul>
 *   <li>{@code <name>.ws.<n>.<m>} is cryptofeed's WebSocket file; its REST snapshots are the
 *       {@code <name>.http.*} file beside it, if there is one;
 *   <li>a {@code .parquet} file, or a directory, holds what the job captured (the {@code raw} kind);
 *   <li>any other file is gzip text whose lines start with a receive time: hftbacktest when the
 *       message follows it ({@code <recv_ts_ns> {...}}), else the project's capture format
 *       ({@code <recv_ts_ms> <stream> <payload>}).
 * </ul>
 */
final class RecordingFiles {

    private static final String CRYPTOFEED_WS = ".ws.";
    private static final String CRYPTOFEED_HTTP = ".http.";

    private RecordingFiles() {}

    static Recording recording(Path file) {
        try {
            String name = file.getFileName().toString();
            if (Files.isDirectory(file) || name.endsWith(".parquet")) {
                return Recording.rawParquet(file);
            }
            int ws = name.indexOf(CRYPTOFEED_WS);
            if (ws > 0) {
                return Recording.cryptofeed(file, restFileBeside(file, name.substring(0, ws) + CRYPTOFEED_HTTP));
            }
            return messageFollowsTheTime(file) ? Recording.hftbacktest(file) : Recording.capture(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recording " + file, e);
        }
    }

    private static Path restFileBeside(Path wsFile, String prefix) throws IOException {
        List<Path> candidates;
        try (Stream<Path> siblings = Files.list(wsFile.toAbsolutePath().getParent())) {
            candidates = siblings.filter(sibling -> sibling.getFileName().toString().startsWith(prefix)).toList();
        }
        if (candidates.size() > 1) {
            throw new IllegalArgumentException(
                    "cannot tell which REST file goes with " + wsFile + ": " + candidates);
        }
        return candidates.isEmpty() ? null : candidates.get(0);
    }

    private static boolean messageFollowsTheTime(Path file) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String first = lines.readLine();
            int space = first == null ? -1 : first.indexOf(' ');
            return space > 0 && first.startsWith("{", space + 1);
        }
    }
}
