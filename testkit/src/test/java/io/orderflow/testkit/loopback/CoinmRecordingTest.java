package io.orderflow.testkit.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.replay.Recordings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed coin-M recording is exactly what {@link CoinmRecording} writes. */
class CoinmRecordingTest {

    @Test
    void theCommittedFilesAreWhatTheGeneratorWrites(@TempDir Path dir) throws IOException {
        CoinmRecording.write(dir);
        Path committed = Recordings.dir("coinm");
        for (String file : new String[] {CoinmRecording.WS_FILE, CoinmRecording.HTTP_FILE}) {
            assertThat(Files.readString(dir.resolve(file))).as(file).isEqualTo(Files.readString(committed.resolve(file)));
        }
    }
}
