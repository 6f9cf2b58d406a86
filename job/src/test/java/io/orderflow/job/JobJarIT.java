package io.orderflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shaded job jar, as {@code mvn package} leaves it: the job and what it needs, nothing of the cluster's or the tests'. */
class JobJarIT {

    private static List<String> entries;

    @BeforeAll
    static void readTheJar() throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("job/target"))) {
            jar = files.filter(file -> file.getFileName().toString().matches("orderflow-job-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no job jar under job/target"));
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            entries = file.stream().map(ZipEntry::getName).toList();
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(OrderflowJob.class.getName());
        }
    }

    @Test
    void holdsTheJobTheDomainAndTheConnectors() {
        assertThat(entries).contains(
                "io/orderflow/job/OrderflowJob.class",
                "io/orderflow/core/exchange/binance/feed/BinanceFeed.class",
                "org/apache/flink/connector/file/sink/FileSink.class",
                "org/apache/parquet/hadoop/ParquetWriter.class",
                "com/fasterxml/jackson/databind/ObjectMapper.class",
                "META-INF/services/io.orderflow.core.replay.RawCaptureOpener");
    }

    @Test
    void holdsNothingOfTheTestkitTheToolsOrTheCluster() {
        assertThat(entries).noneMatch(entry -> entry.startsWith("io/orderflow/testkit/")
                || entry.startsWith("io/orderflow/tools/")
                || entry.startsWith("org/java_websocket/")
                || entry.startsWith("org/apache/flink/runtime/")
                || entry.startsWith("org/apache/flink/streaming/api/environment/")
                || entry.startsWith("org/apache/flink/api/common/functions/")
                || entry.startsWith("org/apache/logging/log4j/")
                || entry.startsWith("org/junit/"));
    }
}
