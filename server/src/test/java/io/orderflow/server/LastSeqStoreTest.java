package io.orderflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastSeqStoreTest {

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path state;

    @Test
    void whatIsSavedIsLoadedByTheNextRunAndNothingIsWhatAFreshDirectoryHolds() {
        assertThat(new LastSeqStore(state.resolve("new"), json).load()).isEmpty();
        new LastSeqStore(state, json).save(Map.of("btcusdt@trade", 1_764_655_200_000_042L, "ethusdt@ofi", 7L));
        assertThat(new LastSeqStore(state, json).load())
                .containsExactlyInAnyOrderEntriesOf(Map.of("btcusdt@trade", 1_764_655_200_000_042L, "ethusdt@ofi", 7L));
        assertThat(state.resolve(LastSeqStore.FILE + ".partial")).doesNotExist();
    }

    @Test
    void unchangedSeqsAreNotWrittenAgain() throws Exception {
        LastSeqStore store = new LastSeqStore(state, json);
        store.save(Map.of("btcusdt@trade", 5L));
        Path file = state.resolve(LastSeqStore.FILE);
        FileTime old = FileTime.fromMillis(0);
        Files.setLastModifiedTime(file, old);
        store.save(Map.of("btcusdt@trade", 5L));
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
        store.save(Map.of("btcusdt@trade", 6L));
        assertThat(Files.getLastModifiedTime(file)).isNotEqualTo(old);
    }

    @Test
    void anUnreadableFileFailsAtStartNamingItAndWhatToDo() throws Exception {
        Files.writeString(state.resolve(LastSeqStore.FILE), "{\"btcusdt@trade\":\"many\"}");
        assertThatThrownBy(() -> new LastSeqStore(state, json).load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(state.resolve(LastSeqStore.FILE) + " is not a map of stream names to seqs")
                .hasMessageEndingWith("fix or remove it; clients may then see rows again");
    }
}
