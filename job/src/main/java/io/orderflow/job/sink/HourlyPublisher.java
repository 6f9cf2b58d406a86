package io.orderflow.job.sink;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
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
 * <p>An hour file only ever changes by a rename over it, and readers are kept whole through it: the
 * new version begins with every byte of the old one, old footer included, and adds the new rows as a
 * row group with a footer of its own ({@link ParquetAppend}). A reader that opened the old version
 * reads it to the end; one that listed the directory before the rename (and so took the old size)
 * reads exactly the old version from the new file. It sees each published row once, at every instant.
 *
 * <p>Once the staged data of a kind has moved past an hour, the hour's files are sealed: re-encoded
 * without the old footers, in one row group. That rewrite alone is not prefix-compatible: a query that
 * listed the file just before the seal and opens it just after fails with an I/O error (and succeeds
 * when repeated); it cannot read rows twice or miss some. It happens once per file, when the hour is over.
 *
 * <p>It is idempotent: every hour file lists in its footer ({@value #INCLUDED_KEY}) the staged files
 * whose rows it holds (those not deleted yet), and a staged file is deleted only when every hour
 * file it feeds lists it. The hour files still to seal are listed on disk too ({@value #UNSEALED_FILE},
 * written before the files are appended to). So it keeps nothing in memory: a publish cut short (a
 * crash, a kill) is finished by the next one, in this process or another, never repeated, and the
 * hours it left are sealed. Publishers of the same output directory (another job, a restarted task)
 * take turns per kind: a lock in the JVM and a file lock between processes.
 */
public final class HourlyPublisher {

    /** Where the sinks stage their files, under the output directory; no reader glob matches it. */
    public static final String STAGING_DIR = "_staging";

    /** The staged files' suffix: not {@code .parquet}, so that even a recursive reader glob skips them. */
    public static final String STAGED_SUFFIX = ".staged";

    /** Footer key of an hour file: the staged files not deleted yet whose rows it holds, comma separated. */
    public static final String INCLUDED_KEY = "orderflow.staged";

    /**
     * In the kind's staging directory: the hour files appended to since they were last sealed, a line
     * each, {@code date=D/hour=HH} and the file's path under the output directory, tab-separated.
     */
    static final String UNSEALED_FILE = ".unsealed";

    /**
     * Time a publish spends sealing before it leaves the rest to the next ones: at hundreds of symbols
     * the seals of an hour take a core for a minute or more, which the job's operators need more. It
     * finishes the file it is sealing, so each publish seals one file at least.
     */
    static final Duration SEAL_BUDGET = Duration.ofSeconds(2);

    /**
     * The same for the last publish, when the sink closes ({@code sealAll}): at the end of a bounded
     * input, but also when a task is cancelled, where Flink kills a TaskManager whose task takes 180 s
     * to stop. What is left is listed, and sealed by the next job that publishes to this output.
     */
    static final Duration FINAL_SEAL_BUDGET = Duration.ofSeconds(60);

    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path outputDir;
    private final ParquetRowKind<?> kind;
    private final Path staging;
    private final Duration sealBudget;

    public HourlyPublisher(Path outputDir, ParquetRowKind<?> kind) {
        this(outputDir, kind, SEAL_BUDGET);
    }

    HourlyPublisher(Path outputDir, ParquetRowKind<?> kind, Duration sealBudget) {
        this.sealBudget = sealBudget;
        this.outputDir = outputDir.toAbsolutePath().normalize();
        this.kind = kind;
        this.staging = stagingDir(this.outputDir, kind.name());
    }

    /** The directory a kind's FileSink writes its staged files to. */
    public static Path stagingDir(Path outputDir, String kind) {
        return outputDir.resolve(STAGING_DIR).resolve(kind);
    }

    /** What one {@link #publish} did. */
    public record Published(int stagedFiles, long rows, int hourFiles, int sealed) {

        static final Published NOTHING = new Published(0, 0, 0, 0);

        Published plus(Published other) {
            return new Published(stagedFiles + other.stagedFiles, rows + other.rows, hourFiles + other.hourFiles,
                    sealed + other.sealed);
        }
    }

    /**
     * Publishes every committed staged file of the kind, oldest first, then seals the hours the
     * staged data has moved past (all of them if {@code sealAll}: the sink closes), within the
     * budget ({@link #SEAL_BUDGET}, {@link #FINAL_SEAL_BUDGET}).
     */
    public Published publish(boolean sealAll) throws IOException {
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
            Unsealed unsealed = Unsealed.read(staging.resolve(UNSEALED_FILE), outputDir);
            Set<String> stagedHours = new TreeSet<>();
            for (Path file : committedStagedFiles()) {
                stagedHours.add(hourKey(file));
                try {
                    total = total.plus(publishStaged(file, unsealed));
                } catch (IOException | RuntimeException e) {
                    // One file that cannot be published does not hold the others back.
                    failed = failure(failed, file, e);
                }
            }
            // The data has moved past an hour once a later one was published (now or before).
            String latest = unsealed.byHour.isEmpty() ? "" : unsealed.byHour.lastKey();
            long sealUntil = System.nanoTime() + (sealAll ? FINAL_SEAL_BUDGET : sealBudget).toNanos();
            boolean spent = false;
            for (var hours = unsealed.byHour.entrySet().iterator(); hours.hasNext() && !spent; ) {
                Map.Entry<String, Set<Path>> hour = hours.next();
                boolean movedPast = hour.getKey().compareTo(latest) < 0 && !stagedHours.contains(hour.getKey());
                if (!sealAll && !movedPast) {
                    continue;
                }
                for (var hourFiles = hour.getValue().iterator(); hourFiles.hasNext() && !spent; ) {
                    Path hourFile = hourFiles.next();
                    try {
                        total = total.plus(new Published(0, 0, 0, seal(hourFile) ? 1 : 0));
                        hourFiles.remove();
                    } catch (IOException | RuntimeException e) {
                        failed = failure(failed, hourFile, e); // tried again by the next publish
                    }
                    spent = System.nanoTime() > sealUntil; // the rest in the next publishes
                }
                if (hour.getValue().isEmpty()) {
                    hours.remove();
                }
            }
            unsealed.write();
            if (failed != null) {
                throw failed;
            }
            return total;
        } finally {
            inJvm.unlock();
        }
    }

    private IOException failure(IOException failed, Path file, Exception e) {
        IOException all = failed != null ? failed
                : new IOException("could not publish every staged file of kind " + kind.name());
        all.addSuppressed(new IOException(file.toString(), e));
        return all;
    }

    /** The staging hour of a staged file: {@code date=D/hour=HH}, in time order as text. */
    private static String hourKey(Path stagedFile) {
        return stagedFile.getParent().getParent().getFileName() + "/" + stagedFile.getParent().getFileName();
    }

    /** Committed staged files waiting to be published (not the hidden in-progress ones). */
    public int waiting() throws IOException {
        return Files.isDirectory(staging) ? committedStagedFiles().size() : 0;
    }

    /** By hour, then in the order they were written (a symbol's rows come from one writer, file after file). */
    private List<Path> committedStagedFiles() throws IOException {
        // By name alone: the writers' in-progress files beside them come and go while this lists.
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dates = Files.newDirectoryStream(staging, "date=*")) {
            for (Path date : dates) {
                try (DirectoryStream<Path> hours = Files.newDirectoryStream(date, "hour=*")) {
                    for (Path hour : hours) {
                        try (DirectoryStream<Path> staged = Files.newDirectoryStream(hour,
                                file -> isStaged(file.getFileName().toString()))) {
                            staged.forEach(files::add);
                        }
                    }
                }
            }
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

    /** A committed staged file, waiting to be published. */
    public static boolean isStaged(String fileName) {
        return !fileName.startsWith(".") && fileName.endsWith(STAGED_SUFFIX);
    }

    private Published publishStaged(Path stagedFile, Unsealed unsealed) throws IOException {
        String date = partitionValue(stagedFile.getParent().getParent(), "date=");
        String hour = partitionValue(stagedFile.getParent(), "hour=");
        StagedRows staged = StagedRows.read(stagedFile);
        Map<Path, List<Group>> byHourFile = new LinkedHashMap<>();
        Set<Path> hourFiles = unsealed.byHour.computeIfAbsent(hourKey(stagedFile), key -> new LinkedHashSet<>());
        for (Map.Entry<String, List<Group>> symbolRows : staged.bySymbol.entrySet()) {
            Path hourFile = outputDir.resolve(partition(date, symbolRows.getKey(), kind.name()))
                    .resolve(hourFileName(hour, staged.footer.get(ParquetSinks.FINGERPRINT_KEY)));
            byHourFile.put(hourFile, symbolRows.getValue());
            hourFiles.add(hourFile);
        }
        unsealed.write();
        long rows = 0;
        for (Map.Entry<Path, List<Group>> hourRows : byHourFile.entrySet()) {
            if (append(hourRows.getKey(), stagedFile, staged.schema, staged.footer, hourRows.getValue())) {
                rows += hourRows.getValue().size();
            }
        }
        Files.delete(stagedFile);
        return new Published(1, rows, staged.bySymbol.size(), 0);
    }

    /** The hive partition readers glob, relative to the output directory. */
    public static String partition(String date, String symbol, String kind) {
        return "date=" + date + "/symbol=" + symbol + "/kind=" + kind;
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
    private boolean append(Path hourFile, Path stagedFile, MessageType schema, Map<String, String> stagedFooter,
            List<Group> rows) throws IOException {
        String stagedName = stagedFile.getFileName().toString();
        Set<String> included = new LinkedHashSet<>();
        boolean exists = Files.exists(hourFile);
        if (exists) {
            String list = ParquetAppend.footer(hourFile).getKey_value_metadata().stream()
                    .filter(entry -> entry.getKey().equals(INCLUDED_KEY))
                    .map(entry -> entry.getValue())
                    .findFirst().orElse("");
            if (!list.isEmpty()) {
                included.addAll(Arrays.asList(list.split(",")));
            }
            if (included.contains(stagedName)) {
                return false;
            }
        }
        // Only staged files that still exist can be met again: the list stays a few names long.
        included.removeIf(name -> !Files.exists(stagedFile.resolveSibling(name)));
        included.add(stagedName);
        Map<String, String> footer = new LinkedHashMap<>(stagedFooter);
        footer.put(INCLUDED_KEY, String.join(",", included));

        Files.createDirectories(hourFile.getParent());
        Path next = hidden(hourFile, ".publishing");
        if (!exists) {
            write(next, schema, footer, true, writer -> {
                for (Group row : rows) {
                    writer.write(row);
                }
            });
        } else {
            Path newRows = hidden(hourFile, ".rows");
            write(newRows, schema, Map.of(), false, writer -> { // read back at once, then deleted
                for (Group row : rows) {
                    writer.write(row);
                }
            });
            ParquetAppend.append(hourFile, newRows, next, footer);
            Files.delete(newRows);
        }
        Files.move(next, hourFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /** Re-encodes an hour file in one row group without the old footers; false if it has one already or is gone. */
    private boolean seal(Path hourFile) throws IOException {
        if (!Files.exists(hourFile)) {
            return false; // deleted by hand: nothing left to seal
        }
        MessageType schema;
        Map<String, String> footer;
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(hourFile))) {
            if (reader.getRowGroups().size() <= 1) {
                return false;
            }
            schema = reader.getFooter().getFileMetaData().getSchema();
            footer = reader.getFooter().getFileMetaData().getKeyValueMetaData();
        }
        Path next = hidden(hourFile, ".sealing");
        write(next, schema, footer, true, writer -> StagedRows.forEachRow(hourFile, writer::write));
        Files.move(next, hourFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /** An hour file's next version (or its new rows) that a publish cut short left behind. */
    static boolean isUnfinished(String fileName) {
        return fileName.startsWith(".") && fileName.contains(".parquet.")
                && (fileName.endsWith(".publishing") || fileName.endsWith(".rows") || fileName.endsWith(".sealing"));
    }

    private static Path hidden(Path hourFile, String suffix) {
        return hourFile.resolveSibling("." + hourFile.getFileName() + suffix);
    }

    private interface RowSink {
        void write(ParquetWriter<Group> writer) throws IOException;
    }

    /** Writes a whole file, synced to disk if it is to replace an hour file. */
    private void write(Path file, MessageType schema, Map<String, String> footer, boolean sync, RowSink rows)
            throws IOException {
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
            rows.write(writer);
        }
        if (sync) {
            try (FileChannel written = FileChannel.open(file, StandardOpenOption.WRITE)) {
                written.force(true);
            }
        }
    }

    /** The hour files to seal, by staging hour ({@code date=D/hour=HH}), as {@link #UNSEALED_FILE} lists them. */
    private static final class Unsealed {

        final TreeMap<String, Set<Path>> byHour = new TreeMap<>();
        private final Path file;
        private final Path outputDir;
        private String written;

        private Unsealed(Path file, Path outputDir) {
            this.file = file;
            this.outputDir = outputDir;
        }

        static Unsealed read(Path file, Path outputDir) throws IOException {
            Unsealed unsealed = new Unsealed(file, outputDir);
            if (Files.exists(file)) {
                unsealed.written = Files.readString(file);
                for (String line : unsealed.written.split("\n")) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        unsealed.byHour.computeIfAbsent(line.substring(0, tab), hour -> new LinkedHashSet<>())
                                .add(outputDir.resolve(line.substring(tab + 1)));
                    }
                }
            }
            return unsealed;
        }

        /** Replaces the list on disk, if it changed, by a rename (it is always whole); none when empty. */
        void write() throws IOException {
            StringBuilder text = new StringBuilder();
            byHour.forEach((hour, files) -> files.forEach(hourFile ->
                    text.append(hour).append('\t').append(outputDir.relativize(hourFile)).append('\n')));
            String next = text.toString();
            if (next.equals(written == null ? "" : written)) {
                return;
            }
            if (next.isEmpty()) {
                Files.delete(file);
            } else {
                Path temp = file.resolveSibling(file.getFileName() + ".next");
                Files.writeString(temp, next);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            written = next;
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

        interface RowAction {
            void accept(Group row) throws IOException;
        }

        static void forEachRow(Path file, RowAction action) throws IOException {
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                forEachRow(reader, reader.getFooter().getFileMetaData().getSchema(), action);
            }
        }

        private static void forEachRow(ParquetFileReader reader, MessageType schema, RowAction action)
                throws IOException {
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
