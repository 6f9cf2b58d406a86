package io.orderflow.job.source.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.RawFrame;
import io.orderflow.core.replay.CaptureFormat;
import io.orderflow.core.replay.MessageReader;
import io.orderflow.core.replay.RecordedMessage;
import io.orderflow.core.replay.Recording;
import io.orderflow.core.replay.ReplayFeed;
import io.orderflow.job.sink.ParquetSinks;
import io.orderflow.job.sink.RowKinds;
import io.orderflow.job.testing.TestEnvironments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture is replayable: a real recording's messages, written through the job's Parquet sink as
 * the {@code raw} kind (what CAPTURE=true writes), replay to exactly the events of the original.
 */
class RawCaptureReplayIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestEnvironments.miniCluster();

    private static final Path DIR = Path.of("core/src/test/resources/recordings/cryptofeed");
    private static final Recording ORIGINAL =
            Recording.cryptofeed(DIR.resolve("BINANCE_FUTURES.ws.1.0"), DIR.resolve("BINANCE_FUTURES.http.0.0"));
    private static final Pattern STREAM = Pattern.compile("\"stream\":\"([^\"]+)\"");

    @TempDir
    Path harvest;

    @Test
    void aCapturedFeedReplaysToTheEventsOfTheOriginal() throws Exception {
        List<RawFrame> frames = asCaptured(ORIGINAL);
        StreamExecutionEnvironment env = TestEnvironments.create();
        env.setParallelism(1);
        env.enableCheckpointing(200);
        env.fromData(frames, TypeInformation.of(RawFrame.class))
                .sinkTo(ParquetSinks.forKind(RowKinds.RAW, harvest.toString(), "test", Map.of()));
        env.execute("capture");

        Map<String, List<MarketEvent>> replayed = bySymbol(Recording.rawParquet(harvest));
        Map<String, List<MarketEvent>> original = bySymbol(ORIGINAL);
        assertThat(original.values()).allSatisfy(events -> assertThat(events).hasSizeGreaterThan(50));
        assertThat(replayed).isEqualTo(original);
    }

    /** The recording's messages as the live source captures them: stream name, symbol, payload. */
    private static List<RawFrame> asCaptured(Recording recording) throws Exception {
        List<RawFrame> frames = new ArrayList<>();
        try (MessageReader reader = recording.open()) {
            for (RecordedMessage m = reader.next(); m != null; m = reader.next()) {
                String stream;
                if (m.kind() == RecordedMessage.Kind.WEBSOCKET) {
                    Matcher named = STREAM.matcher(m.text());
                    stream = named.find() ? named.group(1) : RawFrame.CONNECTION;
                } else {
                    stream = "rest:/fapi/v1/depth?symbol=" + m.symbol() + "&limit=1000";
                }
                frames.add(new RawFrame(m.receiveTimeMs(), CaptureFormat.symbolOf(stream), stream, m.text()));
            }
        }
        return frames;
    }

    /** Symbols are replayed independently, so their events are compared symbol by symbol. */
    private static Map<String, List<MarketEvent>> bySymbol(Recording recording) throws Exception {
        Map<String, List<MarketEvent>> events = new LinkedHashMap<>();
        try (ReplayFeed feed = new ReplayFeed(recording, MarketType.USDM, 10)) {
            while (feed.hasNext()) {
                MarketEvent event = feed.next();
                events.computeIfAbsent(event.symbol(), s -> new ArrayList<>()).add(event);
            }
        }
        return new TreeMap<>(events);
    }
}
