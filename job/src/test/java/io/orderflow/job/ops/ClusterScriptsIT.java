package io.orderflow.job.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.testkit.Processes;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jobs/ cluster scripts refuse clearly what they cannot do, before doing anything. */
class ClusterScriptsIT {

    private static final Path REPO = Path.of("").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void jobScriptsSayWhenNoClusterIsRunning() throws Exception {
        for (String script : List.of("submit-job.sh", "list-jobs.sh", "stop-job.sh")) {
            Processes.Result result = run(Map.of(), script);
            assertThat(result.exitCode()).as(script).isEqualTo(1);
            assertThat(result.output()).contains(script + ": no cluster is running under " + tmp.resolve("cluster"),
                    "start one with jobs/cluster-start.sh");
        }
        Processes.Result stop = run(Map.of(), "cluster-stop.sh");
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.output()).contains("No cluster is running under");
    }

    @Test
    void resumeSaysWhenThereIsNoSavepoint() throws Exception {
        Processes.Result result = run(Map.of(), "resume-job.sh");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("no savepoint under " + tmp.resolve("state/savepoints"));
    }

    @Test
    void startRefusesAPortThatIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Processes.Result result = run(Map.of("FLINK_REST_PORT", Integer.toString(port)), "cluster-start.sh");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.output()).contains("port " + port + " on 127.0.0.1 is taken");
        }
    }

    private Processes.Result run(Map<String, String> extraEnv, String script) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "CLUSTER_HOME", tmp.resolve("cluster").toString(), "STATE_DIR", tmp.resolve("state").toString()));
        env.putAll(extraEnv);
        return Processes.run(REPO, env, Duration.ofMinutes(1), List.of("jobs/" + script));
    }
}
