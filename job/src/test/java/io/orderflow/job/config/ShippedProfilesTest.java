package io.orderflow.job.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.exchange.binance.MarketType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The profiles in jobs/profiles load cleanly (tests run with the repository as working directory). */
class ShippedProfilesTest {

    @Test
    void everyShippedProfileLoads() throws IOException {
        List<Path> profiles;
        try (Stream<Path> files = Files.list(ConfigSources.PROFILE_DIR)) {
            profiles = files.filter(path -> path.toString().endsWith(".properties")).toList();
        }

        assertThat(profiles).extracting(path -> path.getFileName().toString())
                .contains("demo.properties", "harvest.properties");
        for (Path profile : profiles) {
            assertThat(OrderflowConfig.load(new String[] {"--profile", profile.toString()}, Map.of()))
                    .as(profile.toString())
                    .isNotNull();
        }
    }

    @Test
    void demoProfileRollsFilesQuickly() {
        OrderflowConfig demo = OrderflowConfig.load(new String[] {"--profile", "demo"}, Map.of());

        assertThat(demo.parquetRotateSec()).isEqualTo(10);
        assertThat(demo.marketRate()).isEqualTo(50);
        assertThat(demo.symbols()).containsExactly("BTCUSDT", "ETHUSDT");
    }

    @Test
    void harvestProfileRollsFilesEveryMinuteAndRunsUntilStopped() {
        OrderflowConfig harvest = OrderflowConfig.load(new String[0], Map.of("PROFILE", "harvest"));

        assertThat(harvest.parquetRotateSec()).isEqualTo(60);
        assertThat(harvest.runDuration()).isEmpty();
    }

    @Test
    void harvestProfileHarvestsLiveBinanceFuturesUnlessToldOtherwise() {
        OrderflowConfig harvest = OrderflowConfig.load(new String[] {"--profile", "harvest"}, Map.of());
        OrderflowConfig synthetic = OrderflowConfig.load(new String[] {"--profile", "harvest", "--source", "embedded"}, Map.of());

        assertThat(harvest.source()).isEqualTo(SourceKind.BINANCE);
        assertThat(harvest.binanceMarket()).isEqualTo(MarketType.USDM);
        assertThat(synthetic.source()).isEqualTo(SourceKind.EMBEDDED);
    }
}
