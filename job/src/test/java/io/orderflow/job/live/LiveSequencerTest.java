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
    void eachStreamIsNumberedFromOneInItsMessage() throws Exception {
        var h = open(null);
        send(h, "btcusdt@trade", "{\"a\":1}");
        send(h, "btcusdt@kline_1m", "{\"b\":2}");
        send(h, "btcusdt@trade", "{\"a\":3}");
        send(h, "ethusdt@trade", "{}");
        assertThat(h.extractOutputValues()).containsExactly(
                "{\"stream\":\"btcusdt@trade\",\"seq\":1,\"data\":{\"a\":1}}",
                "{\"stream\":\"btcusdt@kline_1m\",\"seq\":1,\"data\":{\"b\":2}}",
                "{\"stream\":\"btcusdt@trade\",\"seq\":2,\"data\":{\"a\":3}}",
                "{\"stream\":\"ethusdt@trade\",\"seq\":1,\"data\":{}}");
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
}
