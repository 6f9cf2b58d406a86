package io.orderflow.tools.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Savepoints a local run left under STATE_DIR/savepoints, for {@code RESUME_FROM=latest}. */
final class Savepoints {

    /** The value of RESUME_FROM that means the newest savepoint. */
    static final String LATEST = "latest";

    private Savepoints() {}

    /**
     * The newest complete savepoint in {@code dir}: a {@code savepoint-*} directory with its
     * {@code _metadata} (written last, so a savepoint cut short has none), by the time of that file.
     */
    static Optional<Path> latest(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> savepoints = Files.list(dir)) {
            return savepoints
                    .filter(p -> p.getFileName().toString().startsWith("savepoint-"))
                    .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .max(Comparator.comparing(Savepoints::metadataTime));
        }
    }

    private static FileTime metadataTime(Path savepoint) {
        try {
            return Files.getLastModifiedTime(savepoint.resolve("_metadata"));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
