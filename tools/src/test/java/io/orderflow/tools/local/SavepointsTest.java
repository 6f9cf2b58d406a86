package io.orderflow.tools.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavepointsTest {

    @TempDir
    Path dir;

    @Test
    void picksTheNewestSavepointThatHasItsMetadata() throws Exception {
        savepoint("savepoint-aaaaaa-1", 1_000);
        savepoint("savepoint-bbbbbb-2", 3_000);
        savepoint("savepoint-cccccc-3", 2_000);
        Files.createDirectories(dir.resolve("savepoint-dddddd-4")); // cut short: no _metadata
        savepoint("chk-9", 9_000);                                   // not a savepoint
        assertThat(Savepoints.latest(dir)).contains(dir.resolve("savepoint-bbbbbb-2"));
    }

    @Test
    void findsNothingWithoutSavepoints() throws Exception {
        assertThat(Savepoints.latest(dir)).isEmpty();
        assertThat(Savepoints.latest(dir.resolve("absent"))).isEmpty();
    }

    private void savepoint(String name, long metadataTimeMs) throws Exception {
        Path metadata = Files.createDirectories(dir.resolve(name)).resolve("_metadata");
        Files.writeString(metadata, "x");
        Files.setLastModifiedTime(metadata, FileTime.fromMillis(metadataTimeMs));
    }
}
