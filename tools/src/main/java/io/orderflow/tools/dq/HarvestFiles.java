package io.orderflow.tools.dq;

import io.orderflow.job.sink.HourlyPublisher;
import io.orderflow.job.sink.OrphanedParts;
import io.orderflow.tools.dq.DqReport.OrphanedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files of a harvest in the requested range, found by walking
 * {@code date=…/symbol=…/kind=…/}: the committed files with their partitions, the directories
 * holding each kind's (DuckDB reads a kind from those alone, and fails on a glob that matches
 * nothing), and the orphaned in-progress files, which DuckDB never sees. With {@code --since}, only
 * the files committed since then, and the directories holding older files too with their files listed.
 */
record HarvestFiles(
        Map<Path, Partition> committed,
        Map<String, Set<Path>> directoriesByKind,
        Map<Path, List<Path>> partlyInRange,
        Set<String> symbols,
        List<OrphanedFile> orphaned) {

    static final HarvestFiles NONE = new HarvestFiles(Map.of(), Map.of(), Map.of(), Set.of(), List.of());

    /** Partition values of a kind's directory, relative to the harvest root, or null if it is not in the layout. */
    record Partition(LocalDate date, String symbol, String kind) {

        static Partition of(Path relative) {
            if (relative.getNameCount() != 3) {
                return null;
            }
            String date = value(relative.getName(0), "date=");
            String symbol = value(relative.getName(1), "symbol=");
            String kind = value(relative.getName(2), "kind=");
            if (date == null || symbol == null || kind == null) {
                return null;
            }
            try {
                return new Partition(LocalDate.parse(date), symbol, kind);
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        boolean in(DqOptions options) {
            return (options.from() == null || !date.isBefore(options.from()))
                    && (options.to() == null || !date.isAfter(options.to()))
                    && (options.symbols().isEmpty() || options.symbols().contains(symbol));
        }

        private static String value(Path name, String prefix) {
            String s = name.toString();
            return s.startsWith(prefix) ? s.substring(prefix.length()) : null;
        }
    }

    /** A committed file's last change is its commit: FileSink renames it into place and never touches it again. */
    private static boolean committedSince(Path file, DqOptions options) throws IOException {
        return options.since() == null || !Files.getLastModifiedTime(file).toInstant().isBefore(options.since());
    }

    static HarvestFiles scan(DqOptions options, Instant now) throws IOException {
        Path root = options.data();
        Map<Path, Partition> committed = new HashMap<>();
        Map<String, Set<Path>> directoriesByKind = new TreeMap<>();
        Map<Path, List<Path>> partlyInRange = new HashMap<>();
        Set<String> symbols = new TreeSet<>();
        List<OrphanedFile> orphaned = new ArrayList<>();
        long orphanAgeSec = 3 * options.checkpointIntervalSec();
        List<Path> directories;
        try (Stream<Path> walk = Files.walk(root, 3)) {
            directories = walk.filter(Files::isDirectory).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        // Files take their directory's partition: only the directories in the range are listed.
        for (Path directory : directories) {
            Partition partition = Partition.of(root.relativize(directory));
            if (partition == null || !partition.in(options)) {
                continue;
            }
            List<Path> inRange = new ArrayList<>();
            boolean olderLeftOut = false;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                for (Path file : entries) {
                    String name = file.getFileName().toString();
                    if (OrphanedParts.isInProgress(name) && Files.isRegularFile(file)) {
                        long ageSec = OrphanedParts.ageSec(file, now);
                        if (ageSec > orphanAgeSec) {
                            orphaned.add(new OrphanedFile(file.toString(), ageSec, Files.size(file)));
                        }
                    } else if (!name.startsWith(".") && name.endsWith(".parquet") && Files.isRegularFile(file)) {
                        if (committedSince(file, options)) {
                            committed.put(file, partition);
                            inRange.add(file);
                        } else {
                            olderLeftOut = true;
                        }
                    }
                }
            } catch (DirectoryIteratorException e) {
                throw e.getCause();
            }
            if (!inRange.isEmpty()) {
                if (olderLeftOut) {
                    inRange.sort(null);
                    partlyInRange.put(directory, inRange);
                }
                directoriesByKind.computeIfAbsent(partition.kind(), k -> new TreeSet<>()).add(directory);
                symbols.add(partition.symbol());
            }
        }
        orphaned.addAll(orphanedInStaging(root, orphanAgeSec, now));
        orphaned.sort((a, b) -> a.path().compareTo(b.path()));
        return new HarvestFiles(committed, directoriesByKind, partlyInRange, symbols, orphaned);
    }

    /** The staging area's in-progress parts that no attempt will commit (they hold no committed row). */
    private static List<OrphanedFile> orphanedInStaging(Path root, long orphanAgeSec, Instant now) throws IOException {
        Path staging = root.resolve(HourlyPublisher.STAGING_DIR);
        List<OrphanedFile> orphaned = new ArrayList<>();
        if (!Files.isDirectory(staging)) {
            return orphaned;
        }
        List<Path> inProgress;
        try (Stream<Path> walk = Files.find(staging, 4, (file, attributes) -> attributes.isRegularFile()
                && OrphanedParts.isInProgress(file.getFileName().toString()))) {
            inProgress = walk.toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path file : inProgress) {
            try {
                long ageSec = OrphanedParts.ageSec(file, now);
                if (ageSec > orphanAgeSec) {
                    orphaned.add(new OrphanedFile(file.toString(), ageSec, Files.size(file)));
                }
            } catch (NoSuchFileException e) {
                // committed (renamed) meanwhile
            }
        }
        return orphaned;
    }

    long committedFiles() {
        return committed.size();
    }

    /**
     * What DuckDB reads for a kind: a glob per directory, so no file outside the range is opened, or
     * the files one by one where {@code --since} left older ones out (no glob can say when a file was
     * committed). Never empty for a kind in {@link #kinds()}.
     */
    List<String> sources(String kind) {
        List<String> sources = new ArrayList<>();
        for (Path directory : directoriesByKind.getOrDefault(kind, Set.of())) {
            List<Path> listed = partlyInRange.get(directory);
            if (listed == null) {
                sources.add(directory + "/*.parquet");
            } else {
                listed.forEach(file -> sources.add(file.toString()));
            }
        }
        return sources;
    }

    /** The kinds that have committed files in the range. */
    Set<String> kinds() {
        return directoriesByKind.keySet();
    }
}
