package io.orderflow.job.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class LiveSequencerTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, LiveRow, String> open(OperatorSubtaskState from)
            throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new LiveSequencer()), LiveRow::stream, Types.STRING);
        if (from != null) {
            harness.initializeState(from);
        }
        harness.open();
        return harness;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, LiveRow, String> h, String stream,
            String data) throws Exception {
        h.processElement(new LiveRow(stream, data), 0);
    }

    @Test
    void eachStreamIsNumberedFromItsFirstRowsProcessingTimeInItsMessage() throws Exception {
        var h = open(null);
        h.setProcessingTime(1_764_655_200_000L); // 2025-12-02T06:00:00Z
        send(h, "btcusdt@trade", "{\"a\":1}");
        send(h, "btcusdt@kline_1m", "{\"b\":2}");
        h.setProcessingTime(1_764_655_200_007L);
        send(h, "btcusdt@trade", "{\"a\":3}");
        send(h, "ethusdt@trade", "{}");
        assertThat(h.extractOutputValues()).containsExactly(
                "{\"stream\":\"btcusdt@trade\",\"seq\":1764655200000001,\"data\":{\"a\":1}}",
                "{\"stream\":\"btcusdt@kline_1m\",\"seq\":1764655200000001,\"data\":{\"b\":2}}",
                "{\"stream\":\"btcusdt@trade\",\"seq\":1764655200000002,\"data\":{\"a\":3}}",
                "{\"stream\":\"ethusdt@trade\",\"seq\":1764655200007001,\"data\":{}}");
        assertThat(h.numKeyedStateEntries()).isEqualTo(3); // one number per stream, nothing else
        h.close();
    }

    @Test
    void rowsSentAgainAfterARestoreGetTheNumbersTheyHadTheFirstTime() throws Exception {
        var h = open(null);
        send(h, "btcusdt@trade", "{\"n\":1}");
        send(h, "btcusdt@cvd", "{\"n\":1}");
        OperatorSubtaskState checkpoint = h.snapshot(1, 1);
        // after the checkpoint: these are lost with the job and replayed from the source
        List<String> afterCheckpoint = List.of("{\"n\":2}", "{\"n\":3}");
        for (String data : afterCheckpoint) {
            send(h, "btcusdt@trade", data);
        }
        send(h, "btcusdt@cvd", "{\"n\":2}");
        List<String> firstTime = h.extractOutputValues().subList(2, 5);
        h.close();

        var restored = open(checkpoint);
        for (String data : afterCheckpoint) {
            send(restored, "btcusdt@trade", data);
        }
        send(restored, "btcusdt@cvd", "{\"n\":2}");
        restored.setProcessingTime(60_000); // later: a fresh stream would start at 60,000,001
        send(restored, "btcusdt@trade", "{\"n\":4}");
        assertThat(restored.extractOutputValues()).containsExactly(
                firstTime.get(0), firstTime.get(1), firstTime.get(2),
                "{\"stream\":\"btcusdt@trade\",\"seq\":4,\"data\":{\"n\":4}}");
        assertThat(firstTime).containsExactly(
                "{\"stream\":\"btcusdt@trade\",\"seq\":2,\"data\":{\"n\":2}}",
                "{\"stream\":\"btcusdt@trade\",\"seq\":3,\"data\":{\"n\":3}}",
                "{\"stream\":\"btcusdt@cvd\",\"seq\":2,\"data\":{\"n\":2}}");
        restored.close();
    }

    @Test
    void aJobStartedAfreshNumbersAboveAnEarlierRunOfTheSameStream() throws Exception {
        var earlier = open(null);
        earlier.setProcessingTime(1_000_000);
        for (int n = 0; n < 2_000; n++) { // 2 rows per millisecond over the next second
            earlier.setProcessingTime(1_000_000 + n / 2);
            send(earlier, "btcusdt@trade", "{}");
        }
        String last = earlier.extractOutputValues().get(1_999);
        earlier.close();

        var afresh = open(null);
        afresh.setProcessingTime(1_001_000);
        send(afresh, "btcusdt@trade", "{}");
        assertThat(last).contains("\"seq\":1000002000,");
        assertThat(afresh.extractOutputValues()).containsExactly("{\"stream\":\"btcusdt@trade\",\"seq\":1001000001,\"data\":{}}");
        afresh.close();
    }
}
