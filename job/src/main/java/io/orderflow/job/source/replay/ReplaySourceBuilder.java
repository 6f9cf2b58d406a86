package io.orderflow.job.source.replay;

import static org.apache.flink.util.Preconditions.checkArgument;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.replay.Recording;
import io.orderflow.core.replay.RecordingSeries;
import io.orderflow.job.source.market.EmbeddedMarketSourceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * Builds a {@link ReplaySource}. The files and the market are required:
 *
 * <pre>{@code
 * ReplaySource source = ReplaySource.builder()
 *         .files(List.of("data/btcusdt_20240808.gz", "data/ethusdt_20240808.gz"))
 *         .market(MarketType.SPOT)
 *         .build();
 * }</pre>
 */
public final class ReplaySourceBuilder {

    private List<String> files = List.of();
    private MarketType market;
    private int bookLevels = EmbeddedMarketSourceBuilder.DEFAULT_BOOK_LEVELS;
    private boolean paced;
    private double speed = 1.0;

    ReplaySourceBuilder() {}

    /**
     * The recordings: cryptofeed {@code *.ws.*} files (their {@code *.http.*} snapshots are found
     * beside them), hftbacktest {@code .gz} files, or the project's captures. A recording that holds
     * a symbol of an earlier one and starts after it continues it (one file per day, say): a series
     * replays as one feed, one split; the others replay in parallel (see {@link RecordingSeries}).
     * File names must be distinct: they make the split ids.
     */
    public ReplaySourceBuilder files(List<String> files) {
        this.files = List.copyOf(files);
        return this;
    }

    /** The market the recordings are from: spot and futures books follow different rules. */
    public ReplaySourceBuilder market(MarketType market) {
        this.market = market;
        return this;
    }

    /** K: the levels per side in every book; the embedded market's default. */
    public ReplaySourceBuilder bookLevels(int levels) {
        this.bookLevels = levels;
        return this;
    }

    /**
     * Paced, events are emitted when the wall clock reaches them (recorded time runs at
     * {@link #speed} times real time from the reader's first poll); unpaced, as fast as the job
     * takes them.
     */
    public ReplaySourceBuilder paced(boolean paced) {
        this.paced = paced;
        return this;
    }

    /** How many times faster than real time a paced replay runs. */
    public ReplaySourceBuilder speed(double speed) {
        this.speed = speed;
        return this;
    }

    public ReplaySource build() {
        List<Path> paths = files.stream().map(Path::of).toList();
        sanityCheck(paths);
        List<Recording> recordings = paths.stream().map(RecordingFiles::recording).toList();
        return new ReplaySource(new ReplayConfig(RecordingSeries.group(recordings), market, bookLevels, paced, speed));
    }

    private void sanityCheck(List<Path> paths) {
        checkArgument(!paths.isEmpty(), "at least one file is required");
        for (Path path : paths) {
            checkArgument(Files.isRegularFile(path) && Files.isReadable(path), "not a readable file: " + path);
        }
        List<Path> names = paths.stream().map(Path::getFileName).toList();
        checkArgument(new HashSet<>(names).size() == names.size(), "file names must be distinct: " + names);
        checkArgument(market != null, "the market (spot or usdm) is required");
        checkArgument(bookLevels >= 1, "bookLevels must be at least 1, got " + bookLevels);
        checkArgument(speed > 0 && Double.isFinite(speed), "speed must be a positive number, got " + speed);
    }
}
