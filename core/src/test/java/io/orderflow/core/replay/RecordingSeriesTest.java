package io.orderflow.core.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.RawFrame;
import io.orderflow.core.replay.CaptureFormat.CaptureWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingSeriesTest {

    @TempDir
    Path dir;

    @Test
    void recordingsThatShareASymbolAreOneSeriesInTheOrderOfTheirFirstMessages() throws IOException {
        Recording btcDayTwo = capture("btc-2.gz", 2_000, "btcusdt@aggTrade");
        Recording eth = capture("eth.gz", 1_500, "ethusdt@aggTrade");
        Recording btcDayOne = capture("btc-1.gz", 1_000, "btcusdt@aggTrade");
        // holds BTCUSDT and SOLUSDT: it joins the BTCUSDT series, and so does the SOLUSDT file
        Recording btcAndSol = capture("btc-sol.gz", 3_000, "btcusdt@depth@0ms", "solusdt@aggTrade");
        Recording sol = capture("sol.gz", 4_000, "solusdt@aggTrade");

        List<List<Recording>> series = RecordingSeries.group(List.of(btcDayTwo, eth, btcDayOne, btcAndSol, sol));

        assertThat(series).containsExactly(List.of(btcDayOne, btcDayTwo, btcAndSol, sol), List.of(eth));
    }

    @Test
    void copiesOfOneRecordingStartTogetherSoTheyAreIndependentAndEachHasItsNextDay() throws IOException {
        Recording copyA = capture("a-day1.gz", 1_000, "btcusdt@aggTrade");
        Recording copyB = capture("b-day1.gz", 1_000, "btcusdt@aggTrade");
        Recording copyADayTwo = capture("a-day2.gz", 2_000, "btcusdt@aggTrade");
        Recording copyBDayTwo = capture("b-day2.gz", 2_000, "btcusdt@aggTrade");

        assertThat(RecordingSeries.group(List.of(copyA, copyB, copyADayTwo, copyBDayTwo)))
                .containsExactly(List.of(copyA, copyADayTwo), List.of(copyB, copyBDayTwo));
    }

    @Test
    void aRecordingOnItsOwnIsItsOwnSeries() throws IOException {
        Recording one = capture("one.gz", 1_000, "btcusdt@trade");

        assertThat(RecordingSeries.group(List.of(one))).containsExactly(List.of(one));
    }

    private Recording capture(String name, long firstMs, String... streams) throws IOException {
        Path file = dir.resolve(name);
        try (CaptureWriter writer = CaptureFormat.writer(file)) {
            for (int i = 0; i < streams.length; i++) {
                writer.write(new RawFrame(firstMs + i, CaptureFormat.symbolOf(streams[i]), streams[i], "{}"));
            }
        }
        return Recording.capture(file);
    }
}
