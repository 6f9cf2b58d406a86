package io.orderflow.job.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** Environments on the test's MiniCluster, configured like flink-conf/config.yaml where it matters. */
public final class TestEnvironments {

    private TestEnvironments() {}

    /** A shared MiniCluster for a test class: one TaskManager, two slots (the CI machine's cores). */
    public static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(2)
                .build());
    }

    /** Parallelism 2 and Kryo off: every type must be a POJO. */
    public static StreamExecutionEnvironment create(Configuration extra) {
        Configuration conf = new Configuration(extra);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        return env;
    }

    public static StreamExecutionEnvironment create() {
        return create(new Configuration());
    }
}
