package io.orderflow.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** LIVE_URL, SERVER_INGEST_TOKEN, LIVE_BUFFER_ROWS and SERVER_PORT: checked at start, and the token never shown. */
class LiveConfigTest {

    private static OrderflowConfig load(String... args) {
        return OrderflowConfig.load(args, Map.of());
    }

    @Test
    void liveOutputIsOffByDefault() {
        OrderflowConfig config = OrderflowConfig.defaults();
        assertThat(config.liveUrl()).isEmpty();
        assertThat(config.serverIngestToken()).isEmpty();
        assertThat(config.liveBufferRows()).isEqualTo(10_000);
        assertThat(config.serverPort()).as("local runs start a server").isEqualTo(8000);
    }

    @Test
    void theLocalServerPortIsOperational() {
        assertThat(load("--server-port", "0").serverPort()).isZero();
        assertThat(load("--server-port", "9000").fingerprint()).isEqualTo(OrderflowConfig.defaults().fingerprint());
    }

    @Test
    void aLiveUrlIsTakenWithoutItsTrailingSlash() {
        assertThat(load("--live-url", "ws://127.0.0.1:8000/ingest/").liveUrl()).contains("ws://127.0.0.1:8000/ingest");
        assertThat(load("--live-url", "wss://live.example.org/ingest").liveUrl()).contains("wss://live.example.org/ingest");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "LIVE_URL         | http://127.0.0.1:8000/ingest | not a ws/wss URL",
        "LIVE_URL         | 'ws:///ingest'               | not a URL with a host",
        "LIVE_URL         | 'ws://'                      | not a valid URL (Expected authority)",
        "LIVE_URL         | 'ws://host:80/in gest'       | not a valid URL (Illegal character in path)",
        "LIVE_BUFFER_ROWS | 0                            | out of range",
        "LIVE_BUFFER_ROWS | 10000001                     | out of range",
        "SERVER_PORT      | 65536                        | out of range",
        "SERVER_PORT      | -1                           | out of range",
        "SERVER_PORT      | 8081                         | WEB_UI_PORT's too",
        "SERVER_PORT      | 9261                         | DQ_METRICS_PORT's too",
    })
    void invalidLiveSettingsAreRejectedAtStart(String key, String value, String reason) {
        String flag = "--" + key.toLowerCase().replace('_', '-');
        assertThatThrownBy(() -> load(flag + "=" + value))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(key + "=" + value + " is " + reason + ": expected ");
    }

    @Test
    void theTokenIsUsedButNeverShown() {
        OrderflowConfig config = load("--live-url", "ws://10.0.0.5:8000/ingest", "--server-ingest-token", "s3cr3t-t0ken");
        assertThat(config.serverIngestToken()).isEqualTo("s3cr3t-t0ken");
        assertThat(config.toMap()).containsEntry("SERVER_INGEST_TOKEN", "(hidden)");
        assertThat(config.toMap().toString()).doesNotContain("s3cr3t"); // the Parquet footers and the Web UI
        assertThat(config.describe()).doesNotContain("s3cr3t"); // the start-up log
        assertThat(config.toString()).doesNotContain("s3cr3t");
        assertThat(config.fingerprint()).isEqualTo(OrderflowConfig.defaults().fingerprint()); // operational
    }

    @Test
    void aTokenThatCannotGoInAHeaderIsRejectedWithoutRepeatingIt() {
        assertThatThrownBy(() -> load("--server-ingest-token", "s3cr3t with space"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("SERVER_INGEST_TOKEN=(hidden) is invalid (not printable ASCII without spaces)")
                .hasMessageNotContaining("s3cr3t");
    }
}
