package io.orderflow.tools.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.job.MarketSources;
import io.orderflow.job.OrderflowJob;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.tools.bench.ReplayBench;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The shape of the job's graph where it decides cost: which edges shuffle, and how often they flush. */
class OrderflowJobGraphTest {

    /** The job as a local run builds it, with the cluster settings of {@code flink-conf/}. */
    private static StreamGraph graph() {
        return graph(OrderflowConfig.defaults());
    }

    private static StreamGraph graph(OrderflowConfig config) {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(LocalDemo.flinkConfiguration(config));
        new OrderflowJob(config, MarketSources.embedded(config), OrderflowJob.parquetSinks(config),
                OrderflowJob.liveSink(config)).addTo(env);
        return env.getStreamGraph();
    }

    private static List<StreamEdge> edgesInto(StreamGraph graph, String namePrefix) {
        return graph.getStreamNodes().stream()
                .filter(node -> node.getOperatorName().startsWith(namePrefix))
                .flatMap(node -> node.getInEdges().stream())
                .collect(Collectors.toList());
    }

    private static String sourceName(StreamGraph graph, StreamEdge edge) {
        return graph.getStreamNode(edge.getSourceId()).getOperatorName();
    }

    @Test
    void everySinkIsFedThroughPassThroughsThatFlushEvery100Ms() {
        StreamGraph graph = graph();
        List<StreamEdge> intoWriters = edgesInto(graph, "sink: ");
        intoWriters.removeIf(edge -> sourceName(graph, edge).startsWith("sink: ")); // writer → committer
        assertThat(intoWriters).hasSize(12); // six single kinds, and the events from six producers
        assertThat(intoWriters).allSatisfy(edge -> {
            assertThat(sourceName(graph, edge)).isEqualTo("to sink");
            assertThat(edge.getBufferTimeout()).isEqualTo(OrderflowJob.SINK_BUFFER_TIMEOUT_MS);
        });
    }

    @Test
    void theNetworkEdgesCarryTheRecordsOwnSerializersAndNoKryo() {
        assertThat(ReplayBench.networkEdgeSerializers(graph()))
                .contains(
                        "TradeSerializer", "BookTopSerializer", "PriceRowSerializer", "OfiRowSerializer", "CvdRowSerializer")
                .doesNotContain("KryoSerializer");
    }

    @Test
    void theSourceTasksNameFitsFlinksMetricNameLimit() {
        // The source operator's metrics are named after its whole chain; Flink truncates a name past 80
        // characters, and warns at every start.
        assertThat(graph().getJobGraph().getVertices()).filteredOn(vertex -> vertex.getName().startsWith("Source:"))
                .singleElement()
                .satisfies(source -> assertThat(source.getName()).hasSizeLessThanOrEqualTo(80));
    }

    @Test
    void signalEdgesKeepTheClustersMillisecondFlush() {
        StreamGraph graph = graph();
        for (String signal : List.of("trades by symbol", "books by symbol", "fusion: score every second")) {
            assertThat(edgesInto(graph, signal)).as(signal).isNotEmpty()
                    .allSatisfy(edge -> assertThat(edge.getBufferTimeout()).isEqualTo(1L)); // flink-conf/config.yaml
        }
    }

    @Test
    void theSourceShufflesEachTradeAndEachBookOnce() {
        StreamGraph graph = graph();
        StreamNode router = graph.getStreamNodes().stream()
                .filter(node -> node.getOperatorName().equals("route trades and books"))
                .findFirst()
                .orElseThrow();
        Map<String, Long> outputs = router.getOutEdges().stream()
                .filter(edge -> edge.getPartitioner().toString().equals("HASH"))
                .collect(Collectors.groupingBy(edge -> graph.getStreamNode(edge.getTargetId()).getOperatorName(),
                        Collectors.counting()));
        assertThat(outputs).containsExactlyInAnyOrderEntriesOf(Map.of("trades by symbol", 1L, "books by symbol", 1L));
    }

    @Test
    void liveRowsAreKeyedByStreamOnceWithTheirOwnSerializerAndLeaveFromTheSequencersTask() {
        StreamGraph graph = graph(OrderflowConfig.defaults().with("LIVE_URL", "ws://127.0.0.1:8000/ingest"));
        List<StreamEdge> intoSequencer = edgesInto(graph, "live: sequence numbers");
        assertThat(intoSequencer).hasSize(11) // prices, ofi, cvd, klines, fusion, and the events of six producers
                .allSatisfy(edge -> {
                    assertThat(edge.getPartitioner().toString()).isEqualTo("HASH");
                    assertThat(sourceName(graph, edge)).isEqualTo("to live");
                });
        assertThat(ReplayBench.networkEdgeSerializers(graph)).contains("LiveRowSerializer").doesNotContain("KryoSerializer");
        // chained: each stream's messages leave over one connection in the order they were numbered
        assertThat(graph.getJobGraph().getVertices()).filteredOn(v -> v.getName().contains("live: sequence numbers"))
                .singleElement()
                .satisfies(vertex -> assertThat(vertex.getName()).contains("sink: live"));
        assertThat(graph.getJobGraph().getVertices()).filteredOn(vertex -> vertex.getName().startsWith("Source:"))
                .singleElement()
                .satisfies(source -> assertThat(source.getName()).hasSizeLessThanOrEqualTo(80));
    }

    @Test
    void withoutLiveUrlThereIsNoLiveOutput() {
        assertThat(graph().getStreamNodes()).extracting(StreamNode::getOperatorName)
                .noneMatch(name -> name.startsWith("live: ") || name.equals("to live") || name.equals("sink: live"));
    }
}
