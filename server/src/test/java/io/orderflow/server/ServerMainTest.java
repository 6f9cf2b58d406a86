package io.orderflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerMainTest {

    @Test
    void flagsOverrideTheDefaults(@TempDir Path data) {
        ServerSettings settings = ServerMain.parse(new String[] {
            "--port", "9001", "--host", "0.0.0.0", "--data", data.toString(), "--ring-size", "500", "--ingest-token", "s3cret",
            "--state", data.resolve("state").toString()
        }, null);
        assertThat(settings.port()).isEqualTo(9001);
        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.dataDir()).isEqualTo(data);
        assertThat(settings.ringSize()).isEqualTo(500);
        assertThat(settings.ingestToken()).isEqualTo("s3cret");
        assertThat(settings.trustLoopback()).isTrue();
        assertThat(settings.stateDir()).isEqualTo(data.resolve("state"));
        assertThat(ServerMain.parse(new String[0], null).stateDir()).isEqualTo(Path.of("artifacts/server"));
    }

    @Test
    void theTokenComesFromTheEnvironmentUnlessAFlagGivesOne() {
        assertThat(ServerMain.parse(new String[0], "fromenv").ingestToken()).isEqualTo("fromenv");
        assertThat(ServerMain.parse(new String[0], "").ingestToken()).isNull();
        assertThat(ServerMain.parse(new String[] {"--ingest-token", "flag"}, "fromenv").ingestToken()).isEqualTo("flag");
    }

    @Test
    void badFlagsAreRefusedWithTheReason() {
        assertRefused("unknown flag --prot", "--prot", "8000");
        assertRefused("--port needs a value", "--port");
        assertRefused("--port needs a whole number, got 'x'", "--port", "x");
        assertRefused("port must be at most 65535", "--port", "70000");
        assertRefused("ring size must be positive", "--ring-size", "0");
        assertRefused("is not a directory", "--data", "/nonexistent/orderflow");
    }

    private static void assertRefused(String reason, String... args) {
        assertThatThrownBy(() -> ServerMain.parse(args, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
