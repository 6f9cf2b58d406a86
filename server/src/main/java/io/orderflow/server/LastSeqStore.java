package io.orderflow.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each stream's last seq, kept in {@code <state dir>/last-seq.json} across restarts of the server: a
 * job restoring a checkpoint while the server restarts sends rows again that clients had from the
 * server before, and only their numbers tell them apart (docs/live-protocol.md#sequence-numbers).
 * Written every second when it changed and on close, by a rename, so a reader never sees half a file.
 */
final class LastSeqStore {

    static final String FILE = "last-seq.json";

    private final Path file;
    private final ObjectMapper json;
    private Map<String, Long> written = Map.of();

    LastSeqStore(Path stateDir, ObjectMapper json) {
        this.file = stateDir.resolve(FILE);
        this.json = json;
    }

    /** What the last run kept; nothing when it kept nothing. Fails at start, naming the file, when unreadable. */
    Map<String, Long> load() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            written = Map.copyOf(json.readValue(file.toFile(), new TypeReference<TreeMap<String, Long>>() {}));
            return written;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not a map of stream names to seqs ("
                    + e.getOriginalMessage() + "): fix or remove it; clients may then see rows again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Writes {@code lastSeqs} unless they are what was written last. */
    void save(Map<String, Long> lastSeqs) {
        if (lastSeqs.equals(written)) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(FILE + ".partial");
            json.writeValue(partial.toFile(), new TreeMap<>(lastSeqs));
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written = Map.copyOf(lastSeqs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
