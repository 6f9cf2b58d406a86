package io.orderflow.job.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.testkit.FreePorts;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live sink's writer against a real WebSocket server on loopback. */
class LiveWriterTest {

    private static final Duration RECONNECT = Duration.ofSeconds(20); // backoff of a few attempts, with room

    private final int port = FreePorts.next();
    private final InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
    private IngestServer server;
    private LiveWriter writer;

    @AfterEach
    void stop() throws Exception {
        if (writer != null) {
            writer.close();
        }
        if (server != null) {
            server.shutDown();
        }
    }

    private LiveWriter writer(String token, int bufferRows) {
        return new LiveWriter(new LiveSinkSettings(URI.create(IngestServer.url(port)), token, bufferRows), metrics,
                "live sink test");
    }

    private static List<String> messages(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "{\"stream\":\"btcusdt@trade\",\"seq\":" + i + "}").toList();
    }

    private void write(List<String> messages) {
        messages.forEach(m -> writer.write(m, null));
    }

    private long counter(String name) {
        return ((Counter) metrics.get(name)).getCount();
    }

    @SuppressWarnings("unchecked")
    private int connected() {
        return ((Gauge<Integer>) metrics.get(LiveSink.CONNECTED)).getValue();
    }

    @Test
    void messagesArriveInOrderAsNdjsonFramesWithTheToken() throws Exception {
        server = IngestServer.start(port);
        writer = writer("s3cret-token", 10_000);
        await().until(() -> connected() == 1);
        List<String> sent = messages(1, 5_000);
        write(sent);
        writer.flush(true); // sent: the server may still be reading the last frames
        assertThat(counter(LiveSink.SENT)).isEqualTo(5_000);

        await().until(() -> server.messages().size() == sent.size());
        assertThat(server.messages()).containsExactlyElementsOf(sent);
        assertThat(server.frames()).allSatisfy(frame -> assertThat(frame).doesNotStartWith("\n").doesNotEndWith("\n")
                .hasSizeLessThanOrEqualTo(LiveWriter.MAX_FRAME_CHARS));
        assertThat(server.authorizations()).containsExactly("Bearer s3cret-token");
        assertThat(server.paths()).containsExactly("/ingest");
        assertThat(server.frames().size()).as("batches").isLessThan(5_000);
        assertThat(counter(LiveSink.DROPPED)).isZero();
    }

    @Test
    void withoutATokenNoAuthorizationIsSent() throws Exception {
        server = IngestServer.start(port);
        writer = writer("", 10);
        write(messages(1, 3));
        await().until(() -> server.messages().size() == 3);
        assertThat(server.authorizations()).containsExactly("");
    }

    @Test
    void whileTheServerIsDownTheOldestAreDroppedAndCountedAndTheNewestArriveOnceItIsUp() throws Exception {
        writer = writer("", 5);
        write(messages(1, 12));
        assertThat(counter(LiveSink.DROPPED)).isEqualTo(7); // the buffer holds 5: never more
        assertThat(connected()).isZero();

        server = IngestServer.start(port);
        await().atMost(RECONNECT).until(() -> server.messages().size() == 5);
        assertThat(server.messages()).containsExactlyElementsOf(messages(8, 12));
        assertThat(connected()).isEqualTo(1);
        write(messages(13, 14));
        await().until(() -> server.messages().size() == 7);
        assertThat(server.messages()).endsWith(messages(13, 14).toArray(String[]::new));
        assertThat(counter(LiveSink.SENT)).isEqualTo(7);
        assertThat(counter(LiveSink.DROPPED)).isEqualTo(7);
    }

    @Test
    void reconnectsWhenTheServerComesBackAndSendsWhatWaited() throws Exception {
        server = IngestServer.start(port);
        writer = writer("t", 100);
        write(messages(1, 10));
        await().until(() -> server.messages().size() == 10);

        server.shutDown();
        await().until(() -> connected() == 0);
        write(messages(11, 20)); // kept while there is no connection
        server = IngestServer.start(port);
        await().atMost(RECONNECT).until(() -> server.messages().size() == 10);
        assertThat(server.messages()).containsExactlyElementsOf(messages(11, 20));
        assertThat(server.authorizations()).containsExactly("Bearer t");
        assertThat(connected()).isEqualTo(1);
        assertThat(counter(LiveSink.SENT)).isEqualTo(20);
        assertThat(counter(LiveSink.DROPPED)).isZero();
    }
}
