package io.orderflow.tools.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.testkit.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jobs/soak.sh, in a few seconds: the demo and the stream server in processes of their own, both
 * sampled at every interval, the series, their live heaps and the summary printed, then both stopped
 * (the demo with a savepoint) and the temporary directory removed. The memory figures themselves are reported by the
 * real 30-minute soak (docs/performance.md), not asserted.
 */
class SoakScriptIT {

    private static final Pattern PIDS = Pattern.compile("the demo \\(pid (\\d+),.*the stream server \\(pid (\\d+),");
    /** elapsed, job RSS, job peak RSS, job heap in use, server RSS, server peak RSS. */
    private static final Pattern SAMPLE = Pattern.compile("^ *(\\d+:\\d\\d) +(\\d+) +(\\d+) +(\\d+|-) +(\\d+) +(\\d+)$");

    @TempDir
    Path tmp;

    private Process soak;

    @AfterEach
    void killLeftovers() {
        if (soak != null && soak.isAlive()) {
            soak.destroyForcibly();
        }
    }

    @Test
    void samplesTheJobAndTheServerApartThenStopsBothAndCleansUp() throws Exception {
        Path log = tmp.resolve("soak.log");
        Path scratch = Files.createDirectory(tmp.resolve("scratch"));
        soak = start(Map.of("DURATION", "6s", "WARMUP", "2s", "INTERVAL", "2s", "TMPDIR", scratch.toString(),
                "WEB_UI_PORT", Integer.toString(FreePorts.next()), "SERVER_PORT", Integer.toString(FreePorts.next())), log);
        assertThat(soak.waitFor(3, TimeUnit.MINUTES)).as("soak finished").isTrue();
        String output = Files.readString(log);
        assertThat(soak.exitValue()).as(output).isZero();

        List<String> elapsed = new ArrayList<>();
        for (String line : output.lines().toList()) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches()) {
                elapsed.add(sample.group(1));
                assertThat(Long.parseLong(sample.group(2))).as("job RSS, " + line).isPositive();
                assertThat(Long.parseLong(sample.group(3))).as("job peak, " + line).isGreaterThanOrEqualTo(Long.parseLong(sample.group(2)));
                assertThat(Long.parseLong(sample.group(5))).as("server RSS, " + line).isPositive();
                assertThat(Long.parseLong(sample.group(6))).as("server peak, " + line).isGreaterThanOrEqualTo(Long.parseLong(sample.group(5)));
            }
        }
        assertThat(elapsed).as(output).containsExactly("0:00", "0:02", "0:04", "0:06");
        assertThat(output).containsPattern("Live heap after a full GC \\(jcmd GC.run\\): job \\d+ MB, server \\d+ MB");
        assertThat(output).contains(
                "elapsed job_rss_mb job_peak_mb job_heap_mb server_rss_mb server_peak_mb",
                "The demo stopped with a savepoint, every Parquet file committed (exit status 0).",
                "The server stopped (exit status 143).",
                "at the end of the warm-up (0:02)", "at the end (0:06)", "verdict growth under 5 %:", "job under 512 MB:");

        Matcher pids = PIDS.matcher(output);
        assertThat(pids.find()).as(output).isTrue();
        for (int group = 1; group <= 2; group++) {
            assertThat(ProcessHandle.of(Long.parseLong(pids.group(group)))).as("process stopped").isEmpty();
        }
        try (var left = Files.list(scratch)) {
            assertThat(left).as("temporary directory removed").isEmpty();
        }
    }

    @Test
    void refusesABadSettingAtStartSayingWhatToFix() throws Exception {
        Path log = tmp.resolve("bad.log");
        soak = start(Map.of("DURATION", "30x"), log);
        assertThat(soak.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(soak.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log)).contains("DURATION=30x: give whole seconds (45s) or minutes (5m)");
    }

    /** jobs/soak.sh without its build step (Maven built the project before the ITs). */
    private static Process start(Map<String, String> settings, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("./jobs/soak.sh").redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SKIP_BUILD", "1");
        builder.environment().putAll(settings);
        return builder.start();
    }
}
