package io.orderflow.tools.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.job.config.OrderflowConfig;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;

/** The MiniCluster's memory in a local run's Flink settings (docs/operations.md#memory-of-local-runs). */
class LocalDemoMemoryTest {

    @Test
    void fixesTheNetworkBuffersNeedsNoManagedMemoryAndLeavesTheClustersProcessSizeOut() {
        Configuration conf = LocalDemo.flinkConfiguration(OrderflowConfig.defaults());

        assertThat(conf.get(TaskManagerOptions.NETWORK_MEMORY_MIN)).isEqualTo(MemorySize.parse("32m"));
        assertThat(conf.get(TaskManagerOptions.NETWORK_MEMORY_MAX)).isEqualTo(MemorySize.parse("32m"));
        assertThat(conf.get(TaskManagerOptions.MANAGED_MEMORY_SIZE)).isEqualTo(MemorySize.ZERO);
        // flink-conf/config.yaml sizes the cluster's TaskManager process; a MiniCluster ignores it and warns.
        assertThat(conf.contains(TaskManagerOptions.TOTAL_PROCESS_MEMORY)).isFalse();
    }
}
