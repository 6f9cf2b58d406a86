package io.orderflow.job.source.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.replay.Recording;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplaySplitSerializerTest {

    private final ReplaySplitSerializer serializer = ReplaySplitSerializer.INSTANCE;

    @Test
    void splitWithARestFileSurvivesARoundTrip() throws IOException {
        ReplaySplit split = new ReplaySplit(
                List.of(Recording.cryptofeed(Path.of("/data/BINANCE.ws.1.0"), Path.of("/data/BINANCE.http.0.0"))), 42_000L);

        assertThat(roundTrip(split)).isEqualTo(split);
    }

    @Test
    void splitWithoutARestFileSurvivesARoundTrip() throws IOException {
        ReplaySplit split = new ReplaySplit(List.of(Recording.capture(Path.of("/data/capture-1.gz"))), 0L);

        ReplaySplit copy = roundTrip(split);

        assertThat(copy).isEqualTo(split);
        assertThat(copy.splitId()).isEqualTo("capture-1.gz");
    }

    @Test
    void aSeriesOfRecordingsSurvivesARoundTripAndIsNamedAfterItsFirst() throws IOException {
        ReplaySplit split = new ReplaySplit(List.of(Recording.hftbacktest(Path.of("/data/btcusdt_20240808.gz")),
                Recording.hftbacktest(Path.of("/data/btcusdt_20240809.gz"))), 7L);

        ReplaySplit copy = roundTrip(split);

        assertThat(copy).isEqualTo(split);
        assertThat(copy.splitId()).isEqualTo("btcusdt_20240808.gz+1");
    }

    private ReplaySplit roundTrip(ReplaySplit split) throws IOException {
        return serializer.deserialize(serializer.getVersion(), serializer.serialize(split));
    }
}
