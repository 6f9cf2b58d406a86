package io.orderflow.job.sink;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * In-progress Parquet parts that no attempt of a job can commit any more, and the command that lists
 * and removes them ({@code jobs/orphans.sh}, docs/operations.md).
 *
 * <p>FileSink writes a part as a hidden {@code .part-<uuid>-<n>.staged.inprogress.<uuid>} (under
 * {@code _staging/}) and renames it when the checkpoint that closes it completes. A TaskManager that dies leaves the parts written
 * since the last completed checkpoint: the restored attempt writes their rows again into parts of its
 * own, and nothing ever renames or deletes them. No reader takes them for data (they do not match
 * {@code *.parquet}), but they hold disk space.
 *
 * <p>A part of a live attempt is written for one checkpoint interval, then waits for its checkpoint:
 * with the shipped settings (a 10-minute checkpoint timeout, 3 tolerable failed checkpoints) at most
 * about 41 minutes after its last write. A job restored from a checkpoint commits that checkpoint's
 * parts as it starts. So a part not written for longer than {@link #DEFAULT_MIN_AGE} can no longer be
 * committed, unless the job that wrote it is down and will be resumed later from a retained
 * checkpoint holding it: resume that job first. The publisher's own unfinished files (an hour file's
 * next version, killed before its rename) are orphans as soon as nothing writes them.
 */
public final class OrphanedParts {

    public static final Duration DEFAULT_MIN_AGE = Duration.ofHours(1);

    static final String USAGE = """
            Usage: ./jobs/orphans.sh [--data DIR] [--min-age-sec 3600] [--remove]
              Lists the in-progress Parquet parts under DIR (date=…/symbol=…/kind=…/, _staging/) not written for more
              than --min-age-sec, which no job can commit any more; --remove deletes them.
            Exit status: 0 done, 2 bad input.""";

    /** An orphaned part: its path, seconds since it was last written, and its size. */
    public record Part(Path path, long ageSec, long sizeBytes) {}

    private OrphanedParts() {}

    /**
     * FileSink's name for a part it has not committed (hidden, with {@code .inprogress.} and the
     * attempt's id), or the publisher's for an hour file it has not renamed into place.
     */
    public static boolean isInProgress(String fileName) {
        return fileName.startsWith(".") && (fileName.contains(".inprogress.") || HourlyPublisher.isUnfinished(fileName));
    }

    /** Whole seconds since the file was last written. */
    public static long ageSec(Path file, Instant now) throws IOException {
        return (now.toEpochMilli() - Files.getLastModifiedTime(file).toMillis()) / 1000;
    }

    /**
     * The in-progress parts in the partition directories under {@code root} not written for longer
     * than {@code minAge}, by path. Files outside {@code date=…/symbol=…/kind=…/} are not FileSink's
     * and are left alone.
     */
    public static List<Part> find(Path root, Duration minAge, Instant now) throws IOException {
        List<Part> parts = new ArrayList<>();
        List<Path> partitions;
        try (Stream<Path> walk = Files.walk(root, 4)) {
            partitions = walk.filter(dir -> isPartition(root.relativize(dir)) && Files.isDirectory(dir)).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path partition : partitions) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(partition, f -> isInProgress(f.getFileName().toString()))) {
                for (Path file : files) {
                    try {
                        long age = ageSec(file, now);
                        if (Files.isRegularFile(file) && age > minAge.toSeconds()) {
                            parts.add(new Part(file, age, Files.size(file)));
                        }
                    } catch (NoSuchFileException e) {
                        // committed (renamed) by a running job meanwhile: not an orphan
                    }
                }
            }
        }
        parts.sort(Comparator.comparing(Part::path));
        return parts;
    }

    /** {@code date=…/symbol=…/kind=…}, or the staging area's {@code _staging/KIND/date=…/hour=…}. */
    private static boolean isPartition(Path relative) {
        if (relative.getNameCount() == 3) {
            return relative.getName(0).toString().startsWith("date=")
                    && relative.getName(1).toString().startsWith("symbol=")
                    && relative.getName(2).toString().startsWith("kind=");
        }
        return relative.getNameCount() == 4 && relative.getName(0).toString().equals(HourlyPublisher.STAGING_DIR)
                && relative.getName(2).toString().startsWith("date=")
                && relative.getName(3).toString().startsWith("hour=");
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, Instant.now(), System.out, System.err));
    }

    static int run(String[] args, Instant now, PrintStream out, PrintStream err) throws IOException {
        Path data = Path.of("./data");
        Duration minAge = DEFAULT_MIN_AGE;
        boolean remove = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--data" -> data = Path.of(value(args, ++i));
                    case "--min-age-sec" -> minAge = Duration.ofSeconds(Long.parseLong(value(args, ++i)));
                    case "--remove" -> remove = true;
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (minAge.isNegative()) {
                throw new IllegalArgumentException("--min-age-sec must not be negative");
            }
            if (!Files.isDirectory(data)) {
                throw new IllegalArgumentException("no data directory " + data + " (--data DIR)");
            }
        } catch (IllegalArgumentException e) {
            err.println("orphans: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        List<Part> parts = find(data, minAge, now);
        long bytes = parts.stream().mapToLong(Part::sizeBytes).sum();
        out.printf(Locale.ROOT, "%d orphaned in-progress files (%d bytes) not written for more than %d s under %s%n",
                parts.size(), bytes, minAge.toSeconds(), data);
        for (Part part : parts) {
            out.printf(Locale.ROOT, "  %s (%d bytes, %d s old)%n", part.path(), part.sizeBytes(), part.ageSec());
        }
        if (remove) {
            for (Part part : parts) {
                Files.deleteIfExists(part.path());
            }
            out.printf(Locale.ROOT, "Removed %d files (%d bytes)%n", parts.size(), bytes);
        } else if (!parts.isEmpty()) {
            out.println("Remove them with --remove");
        }
        return 0;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
