package io.orderflow.tools.dq;

import io.orderflow.tools.dq.DqReport.OrphanedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files of a harvest in the requested range, found by walking
 * {@code date=…/symbol=…/kind=…/}: the {@code date=…/symbol=…} directories and the kinds that have
 * committed files (DuckDB fails on a glob that matches nothing), and the orphaned in-progress files,
 * which DuckDB never sees. With {@code --since}, only the files committed since then.
 */
record HarvestFiles(
        Set<String> symbolDays,
        Set<String> kinds,
        Set<String> symbols,
        List<Path> committed,
        List<OrphanedFile> orphaned) {

    static final HarvestFiles NONE = new HarvestFiles(Set.of(), Set.of(), Set.of(), List.of(), List.of());

    long committedFiles() {
        return committed.size();
    }

    /** Partition values of a path relative to the harvest root, or null if it is not in the layout. */
    record Partition(LocalDate date, String symbol, String kind) {

        static Partition of(Path relative) {
            if (relative.getNameCount() != 4) {
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
        Set<String> symbolDays = new TreeSet<>();
        Set<String> kinds = new TreeSet<>();
        Set<String> symbols = new TreeSet<>();
        List<Path> committed = new ArrayList<>();
        List<OrphanedFile> orphaned = new ArrayList<>();
        long orphanAgeSec = 3 * options.checkpointIntervalSec();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path file : files) {
            Partition partition = Partition.of(root.relativize(file));
            if (partition == null || !partition.in(options)) {
                continue;
            }
            String name = file.getFileName().toString();
            if (name.startsWith(".") && name.contains(".inprogress")) {
                long ageSec = (now.toEpochMilli() - Files.getLastModifiedTime(file).toMillis()) / 1000;
                if (ageSec > orphanAgeSec) {
                    orphaned.add(new OrphanedFile(file.toString(), ageSec, Files.size(file)));
                }
            } else if (!name.startsWith(".") && name.endsWith(".parquet") && committedSince(file, options)) {
                committed.add(file);
                symbolDays.add("date=" + partition.date() + "/symbol=" + partition.symbol());
                kinds.add(partition.kind());
                symbols.add(partition.symbol());
            }
        }
        orphaned.sort((a, b) -> a.path().compareTo(b.path()));
        committed.sort(null);
        return new HarvestFiles(symbolDays, kinds, symbols, committed, orphaned);
    }
}
