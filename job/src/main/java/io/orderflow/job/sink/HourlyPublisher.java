package io.orderflow.job.sink;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Moves one kind's committed staged files into the layout readers glob: one file per symbol, UTC hour
 * and configuration, {@code date=D/symbol=S/kind=K/part-HH-<fingerprint>.parquet}.
 *
 * <p>The FileSink commits a file per bucket and checkpoint. Bucketed by symbol, that is thousands of
 * open writers and files a minute at hundreds of symbols; so it writes one staged file per kind and
 * hour instead ({@code _staging/K/date=D/hour=HH/part-*.staged}: no reader's {@code *.parquet} glob
 * matches it), and this class splits it by symbol into the hour files.
 *
 * <p>An hour file only ever changes by a rename over it: the new version (the old one's row groups
 * copied as they are, the new rows as one more row group) is written aside as a hidden file, synced,
 * then renamed. A reader therefore sees each published row exactly once at every instant, and the
 * names its glob returns never disappear. Once a file holds {@value #MAX_ROW_GROUPS} row groups the
 * next version is re-encoded whole, so a quiet symbol's hour does not end as sixty tiny row groups.
 *
 * <p>It is idempotent: every hour file lists in its footer ({@value #INCLUDED_KEY}) the staged files
 * whose rows it holds, and a staged file is deleted only when every hour file it feeds lists it. A
 * publish cut short (a crash, a kill) is finished by the next one, never repeated. Publishers of the
 * same output directory (another job, a restarted task) take turns per kind: a lock in the JVM and a
 * file lock between processes.
 */
public final class HourlyPublisher {

    /** Where the sinks stage their files, under the output directory; no reader glob matches it. */
    public static final String STAGING_DIR = "_staging";

    /** The staged files' suffix: not {@code .parquet}, so that even a recursive reader glob skips them. */
    public static final String STAGED_SUFFIX = ".staged";

    /** Footer key of an hour file: the staged files whose rows it holds, comma separated. */
    public static final String INCLUDED_KEY = "orderflow.staged";

    static final int MAX_ROW_GROUPS = 12;

    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path outputDir;
    private final ParquetRowKind<?> kind;
    private final Path staging;

    public HourlyPublisher(Path outputDir, ParquetRowKind<?> kind) {
        this.outputDir = outputDir.toAbsolutePath().normalize();
        this.kind = kind;
        this.staging = stagingDir(this.outputDir, kind.name());
    }

    /** The directory a kind's FileSink writes its staged files to. */
    public static Path stagingDir(Path outputDir, String kind) {
        return outputDir.resolve(STAGING_DIR).resolve(kind);
    }

    /** What one {@link #publish} did. */
    public record Published(int stagedFiles, long rows, int hourFiles) {

        static final Published NOTHING = new Published(0, 0, 0);

        Published plus(Published other) {
            return new Published(stagedFiles + other.stagedFiles, rows + other.rows, hourFiles + other.hourFiles);
        }
    }

    /** Publishes every committed staged file of the kind, oldest first. */
    public Published publish() throws IOException {
        if (!Files.isDirectory(staging)) {
            return Published.NOTHING;
        }
        ReentrantLock inJvm = LOCKS.computeIfAbsent(staging, dir -> new ReentrantLock());
        inJvm.lock();
        try (FileChannel lockFile = FileChannel.open(staging.resolve(".publish.lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                var betweenProcesses = lockFile.lock()) {
            Published total = Published.NOTHING;
            IOException failed = null;
            for (Path file : committedStagedFiles()) {
                try {
                    total = total.plus(publishStaged(file));
                } catch (IOException | RuntimeException e) {
                    // One file that cannot be published does not hold the others back.
                    if (failed == null) {
                        failed = new IOException("could not publish every staged file of kind " + kind.name());
                    }
                    failed.addSuppressed(new IOException(file.toString(), e));
                }
            }
            if (failed != null) {
                throw failed;
            }
            return total;
        } finally {
            inJvm.unlock();
        }
    }

    /** Committed staged files waiting to be published (not the hidden in-progress ones). */
    public int waiting() throws IOException {
        return Files.isDirectory(staging) ? committedStagedFiles().size() : 0;
    }

    /** By hour, then in the order they were written (a symbol's rows come from one writer, file after file). */
    private List<Path> committedStagedFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> paths = Files.find(staging, 3, (path, attributes) -> attributes.isRegularFile()
                && isStaged(path.getFileName().toString()))) {
            paths.forEach(files::add);
        }
        Map<Path, Long> modified = new HashMap<>();
        for (Path file : files) {
            modified.put(file, Files.getLastModifiedTime(file).toMillis());
        }
        files.sort(Comparator.comparing((Path file) -> file.getParent().toString())
                .thenComparing(modified::get)
                .thenComparing(file -> file.getFileName().toString()));
        return files;
    }

    static boolean isStaged(String fileName) {
        return !fileName.startsWith(".") && fileName.endsWith(STAGED_SUFFIX);
    }

    private Published publishStaged(Path stagedFile) throws IOException {
        String stagedName = stagedFile.getFileName().toString();
        String date = partitionValue(stagedFile.getParent().getParent(), "date=");
        String hour = partitionValue(stagedFile.getParent(), "hour=");
        StagedRows staged = StagedRows.read(stagedFile);
        long rows = 0;
        for (Map.Entry<String, List<Group>> symbolRows : staged.bySymbol.entrySet()) {
            Path hourFile = outputDir.resolve("date=" + date)
                    .resolve("symbol=" + symbolRows.getKey())
                    .resolve("kind=" + kind.name())
                    .resolve(hourFileName(hour, staged.footer.get(ParquetSinks.FINGERPRINT_KEY)));
            if (append(hourFile, stagedName, staged.schema, staged.footer, symbolRows.getValue())) {
                rows += symbolRows.getValue().size();
            }
        }
        Files.delete(stagedFile);
        return new Published(1, rows, staged.bySymbol.size());
    }

    static String hourFileName(String hour, String fingerprint) {
        String tag = fingerprint == null ? "" : fingerprint.replaceAll("[^0-9A-Za-z]", "");
        return "part-" + hour + "-" + (tag.isEmpty() ? "none" : tag.substring(0, Math.min(16, tag.length())))
                + ".parquet";
    }

    private static String partitionValue(Path dir, String prefix) {
        String name = dir.getFileName().toString();
        if (!name.startsWith(prefix)) {
            throw new IllegalStateException("not a " + prefix + " directory of the staging area: " + dir);
        }
        return name.substring(prefix.length());
    }

    /** Adds the rows to the hour file unless it already holds them; false if it did. */
    private boolean append(Path hourFile, String stagedName, MessageType schema, Map<String, String> stagedFooter,
            List<Group> rows) throws IOException {
        Set<String> included = new LinkedHashSet<>();
        int rowGroups = 0;
        if (Files.exists(hourFile)) {
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(hourFile))) {
                String list = reader.getFooter().getFileMetaData().getKeyValueMetaData().get(INCLUDED_KEY);
                if (list != null && !list.isEmpty()) {
                    included.addAll(Arrays.asList(list.split(",")));
                }
                rowGroups = reader.getRowGroups().size();
            }
            if (included.contains(stagedName)) {
                return false;
            }
        }
        included.add(stagedName);
        Map<String, String> footer = new LinkedHashMap<>(stagedFooter);
        footer.put(INCLUDED_KEY, String.join(",", included));

        Files.createDirectories(hourFile.getParent());
        Path next = hourFile.resolveSibling("." + hourFile.getFileName() + ".publishing");
        if (rowGroups == 0) {
            write(next, schema, footer, rows);
        } else if (rowGroups < MAX_ROW_GROUPS) {
            Path newRows = hourFile.resolveSibling("." + hourFile.getFileName() + ".rows");
            write(newRows, schema, Map.of(), rows);
            ParquetFileWriter merged = new ParquetFileWriter(new LocalOutputFile(next), schema,
                    ParquetFileWriter.Mode.OVERWRITE, ParquetWriter.DEFAULT_BLOCK_SIZE, ParquetWriter.MAX_PADDING_SIZE_DEFAULT);
            merged.start();
            merged.appendFile(new LocalInputFile(hourFile));
            merged.appendFile(new LocalInputFile(newRows));
            merged.end(footer);
            Files.delete(newRows);
        } else {
            List<Group> all = StagedRows.readAll(hourFile);
            all.addAll(rows);
            write(next, schema, footer, all);
        }
        try (FileChannel written = FileChannel.open(next, StandardOpenOption.WRITE)) {
            written.force(true);
        }
        Files.move(next, hourFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    private void write(Path file, MessageType schema, Map<String, String> footer, List<Group> rows) throws IOException {
        ExampleParquetWriter.Builder builder = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(schema)
                .withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withExtraMetaData(footer);
        for (String column : kind.plainColumns()) {
            builder.withDictionaryEncoding(column, false);
        }
        try (ParquetWriter<Group> writer = builder.build()) {
            for (Group row : rows) {
                writer.write(row);
            }
        }
    }

    /** A staged file's rows by symbol, in the order written, with its schema and footer. */
    private record StagedRows(MessageType schema, Map<String, String> footer, Map<String, List<Group>> bySymbol) {

        static StagedRows read(Path file) throws IOException {
            Map<String, List<Group>> bySymbol = new LinkedHashMap<>();
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                MessageType schema = reader.getFooter().getFileMetaData().getSchema();
                Map<String, String> footer = new LinkedHashMap<>(reader.getFooter().getFileMetaData().getKeyValueMetaData());
                footer.remove(INCLUDED_KEY);
                forEachRow(reader, schema, row -> bySymbol.computeIfAbsent(row.getString("symbol", 0),
                        symbol -> new ArrayList<>()).add(row));
                return new StagedRows(schema, footer, bySymbol);
            } catch (RuntimeException e) {
                throw new IOException("cannot read staged file " + file, e);
            }
        }

        static List<Group> readAll(Path file) throws IOException {
            List<Group> rows = new ArrayList<>();
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                forEachRow(reader, reader.getFooter().getFileMetaData().getSchema(), rows::add);
            }
            return rows;
        }

        private static void forEachRow(ParquetFileReader reader, MessageType schema,
                Consumer<Group> action) throws IOException {
            for (PageReadStore rowGroup = reader.readNextRowGroup(); rowGroup != null; rowGroup = reader.readNextRowGroup()) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(rowGroup, new GroupRecordConverter(schema));
                for (long i = 0; i < rowGroup.getRowCount(); i++) {
                    action.accept(records.read());
                }
            }
        }
    }
}
