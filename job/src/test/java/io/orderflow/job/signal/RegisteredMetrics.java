package io.orderflow.job.signal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.ExecutionGraphTestUtils;
import org.apache.flink.runtime.metrics.groups.TaskManagerMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;

/**
 * The metrics a task registers, as a reporter is told of them: each with its name and its group's
 * variables (those of {@code addGroup(key, value)} included), through Flink's real metric groups.
 */
final class RegisteredMetrics {

    private record Registered(Metric metric, String name, Map<String, String> variables) {}

    private final List<Registered> registered = new CopyOnWriteArrayList<>();
    private final TaskMetricGroup task = TaskManagerMetricGroup.createTaskManagerMetricGroup(
                    TestingMetricRegistry.builder()
                            .setRegisterConsumer((metric, name, group) ->
                                    registered.add(new Registered(metric, name, group.getAllVariables())))
                            .build(),
                    "localhost", ResourceID.generate())
            .addJob(new JobID(), "job")
            .addTask(ExecutionGraphTestUtils.createExecutionAttemptId(), "task");

    TaskMetricGroup taskGroup() {
        return task;
    }

    /** The gauge {@code name} in the group whose variable {@code <key>} is {@code value}. */
    Gauge<?> gauge(String key, String value, String name) {
        return registered.stream()
                .filter(r -> r.name().equals(name) && value.equals(r.variables().get("<" + key + ">")))
                .map(r -> (Gauge<?>) r.metric())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no gauge " + name + " with " + key + "=" + value));
    }

    /** Whether any metric called {@code name} was registered. */
    boolean has(String name) {
        return registered.stream().anyMatch(r -> r.name().equals(name));
    }
}
