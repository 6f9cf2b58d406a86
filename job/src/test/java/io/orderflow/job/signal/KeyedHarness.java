package io.orderflow.job.signal;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** Runs a keyed function in Flink's operator harness, optionally from a snapshot. */
final class KeyedHarness {

    private KeyedHarness() {}

    static <I, O> KeyedOneInputStreamOperatorTestHarness<String, I, O> open(
            Supplier<KeyedProcessFunction<String, I, O>> function,
            KeySelector<I, String> key,
            OperatorSubtaskState restoreFrom) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(function.get()), key, Types.STRING);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }

    /**
     * Like {@link #open}, with the metrics the function registers recorded in {@code metrics}. Closing
     * the harness also closes the environment it was given.
     */
    static <I, O> KeyedOneInputStreamOperatorTestHarness<String, I, O> openWithMetrics(
            KeyedProcessFunction<String, I, O> function,
            KeySelector<I, String> key,
            InterceptingOperatorMetricGroup metrics) throws Exception {
        TaskMetricGroup task = new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
            @Override
            public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name, Map<String, String> info) {
                return metrics;
            }
        };
        return openWithMetrics(function, key, task);
    }

    /** Like {@link #open}, with the metrics the function registers, in groups of its own too, in {@code metrics}. */
    static <I, O> KeyedOneInputStreamOperatorTestHarness<String, I, O> openWithMetrics(
            KeyedProcessFunction<String, I, O> function,
            KeySelector<I, String> key,
            RegisteredMetrics metrics) throws Exception {
        return openWithMetrics(function, key, metrics.taskGroup());
    }

    private static <I, O> KeyedOneInputStreamOperatorTestHarness<String, I, O> openWithMetrics(
            KeyedProcessFunction<String, I, O> function,
            KeySelector<I, String> key,
            TaskMetricGroup task) throws Exception {
        MockEnvironment environment = new MockEnvironmentBuilder().setMetricGroup(task).build();
        var harness = new KeyedOneInputStreamOperatorTestHarness<String, I, O>(
                new KeyedProcessOperator<>(function), key, Types.STRING, environment) {
            @Override
            public void close() throws Exception {
                try {
                    super.close();
                } finally {
                    environment.close();
                }
            }
        };
        harness.open();
        return harness;
    }

    static <I> void feed(KeyedOneInputStreamOperatorTestHarness<String, I, ?> harness, List<I> inputs,
            java.util.function.ToLongFunction<I> time) throws Exception {
        for (I input : inputs) {
            harness.processElement(input, time.applyAsLong(input));
        }
    }
}
