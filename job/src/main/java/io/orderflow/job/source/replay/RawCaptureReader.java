package io.orderflow.job.source.replay;

import io.orderflow.core.model.RawFrame;
import io.orderflow.core.replay.CaptureFormat;
import io.orderflow.core.replay.MessageReader;
import io.orderflow.core.replay.RawCaptureOpener;
import io.orderflow.core.replay.RecordedMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Reads what the job captured ({@code CAPTURE=true}, the {@code raw} kind) back as a recording: the
 * Parquet files of one {@code kind=raw} partition, or of a whole harvest directory, merged in
 * receive-time order.
 *
 * <p>The frames are read whole and sorted, because files of different checkpoints and subtasks
 * interleave in time: replay a day of one symbol at a time rather than a harvest of months.
 */
final class RawCaptureReader implements MessageReader {

    /** Found by {@link io.orderflow.core.replay.Recording} through {@link java.util.ServiceLoader}. */
    public static final class Opener implements RawCaptureOpener {
        @Override
        public MessageReader open(Path fileOrDirectory) throws IOException {
            return new RawCaptureReader(fileOrDirectory);
        }
    }

    private static final String RAW_PARTITION = "kind=raw";

    private final List<RawFrame> frames;
    private int next;

    RawCaptureReader(Path path) throws IOException {
        List<RawFrame> all = new ArrayList<>();
        for (Path file : parquetFiles(path)) {
            readInto(file, all);
        }
        // Stable: frames of one millisecond keep their file and row order.
        all.sort(Comparator.comparingLong(RawFrame::receiveTimeMs));
        this.frames = all;
    }

    @Override
    public RecordedMessage next() {
        return next < frames.size() ? CaptureFormat.toMessage(frames.get(next++)) : null;
    }

    @Override
    public void close() {}

    /**
     * A file itself, or the committed raw-kind Parquet files below a directory, each subtask's in the
     * order it wrote them ({@code part-<uuid>-<n>.parquet}: by directory, uuid, then the number n), so
     * that frames of one millisecond keep the order they were received in.
     */
    private static List<Path> parquetFiles(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet")
                            && !p.getFileName().toString().startsWith(".")
                            && p.toString().contains(RAW_PARTITION))
                    .sorted(Comparator.comparing((Path p) -> p.getParent().toString())
                            .thenComparing(RawCaptureReader::writer)
                            .thenComparingLong(RawCaptureReader::partNumber))
                    .toList();
        }
    }

    /** The file name less its part number: which subtask wrote it. */
    private static String writer(Path file) {
        String name = file.getFileName().toString();
        int dash = name.lastIndexOf('-');
        return dash < 0 ? name : name.substring(0, dash);
    }

    /** The n of {@code part-<uuid>-<n>.parquet}, or 0 if the name has none. */
    private static long partNumber(Path file) {
        String name = file.getFileName().toString();
        int dash = name.lastIndexOf('-');
        int dot = name.indexOf('.', dash + 1);
        try {
            return dash < 0 || dot < 0 ? 0 : Long.parseLong(name.substring(dash + 1, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void readInto(Path file, List<RawFrame> frames) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            for (PageReadStore rows = reader.readNextRowGroup(); rows != null; rows = reader.readNextRowGroup()) {
                RecordReader<Group> records = new ColumnIOFactory()
                        .getColumnIO(schema)
                        .getRecordReader(rows, new GroupRecordConverter(schema));
                for (long i = 0; i < rows.getRowCount(); i++) {
                    Group row = records.read();
                    frames.add(new RawFrame(row.getLong("ts_ms", 0), row.getString("symbol", 0),
                            row.getString("stream", 0), row.getString("payload", 0)));
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("cannot read " + file + " as a capture (kind=raw Parquet)", e);
        }
    }
}
