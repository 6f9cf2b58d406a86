package io.orderflow.core.replay;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * A recorded feed on disk, in one of the formats replay reads. Plain strings, so it can travel in a
 * source split; {@link #open()} reads it from the start each time.
 *
 * @param path the recording (for cryptofeed, the WebSocket {@code *.ws.*} file)
 * @param httpPath cryptofeed only: the REST {@code *.http.*} file of the same session, or null
 */
public record Recording(Format format, String path, String httpPath) implements Serializable {

    public enum Format {
        /** bmoscon/cryptofeed {@code *.ws.*} + {@code *.http.*}, see {@link CryptofeedReader}. */
        CRYPTOFEED,
        /** nkaz001/hftbacktest gzip {@code <recv_ts_ns> <json>}, see {@link HftbacktestReader}. */
        HFTBACKTEST,
        /** The project's own {@link CaptureFormat}. */
        CAPTURE,
        /** The job's {@code raw} kind ({@code CAPTURE=true}): Parquet files, read by the job module's {@link RawCaptureOpener}. */
        RAW_PARQUET
    }

    public Recording {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(path, "path");
        if (httpPath != null && format != Format.CRYPTOFEED) {
            throw new IllegalArgumentException("only a cryptofeed recording has a separate REST file");
        }
    }

    public static Recording cryptofeed(Path wsFile, Path httpFile) {
        return new Recording(Format.CRYPTOFEED, wsFile.toString(), httpFile == null ? null : httpFile.toString());
    }

    public static Recording hftbacktest(Path file) {
        return new Recording(Format.HFTBACKTEST, file.toString(), null);
    }

    public static Recording capture(Path file) {
        return new Recording(Format.CAPTURE, file.toString(), null);
    }

    /** A {@code kind=raw} Parquet file, or a directory holding such files. */
    public static Recording rawParquet(Path fileOrDirectory) {
        return new Recording(Format.RAW_PARQUET, fileOrDirectory.toString(), null);
    }

    /** A reader positioned at the first message. */
    public MessageReader open() throws IOException {
        return switch (format) {
            case CRYPTOFEED -> new CryptofeedReader(Path.of(path), httpPath == null ? null : Path.of(httpPath));
            case HFTBACKTEST -> new HftbacktestReader(Path.of(path));
            case CAPTURE -> CaptureFormat.messages(Path.of(path));
            case RAW_PARQUET -> rawCaptureOpener().open(Path.of(path));
        };
    }

    private static RawCaptureOpener rawCaptureOpener() throws IOException {
        return ServiceLoader.load(RawCaptureOpener.class, Recording.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IOException("a raw Parquet capture is read by the job module (orderflow-job),"
                        + " which is not on the class path"));
    }
}
