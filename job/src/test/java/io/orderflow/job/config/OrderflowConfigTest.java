package io.orderflow.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.signal.ScaleMode;
import io.orderflow.core.signal.ZMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderflowConfigTest {

    private static final String[] NO_ARGS = {};

    @TempDir
    Path tempDir;

    @Test
    void defaultsMatchTheDocumentedValues() {
        OrderflowConfig config = OrderflowConfig.defaults();

        assertThat(config.symbols()).containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(config.runHours()).isZero();
        assertThat(config.runDuration()).isEmpty();
        assertThat(config.parquetRotateSec()).isEqualTo(60);
        assertThat(config.wssPingIntervalSec()).isEqualTo(20);
        assertThat(config.dedupLru()).isEqualTo(100_000);
        assertThat(config.zMode()).isEqualTo(ZMode.DELTA);
        assertThat(config.scaleMode()).isEqualTo(ScaleMode.HYBRID);
        assertThat(config.madMultiplier()).isEqualTo(1.8);
        assertThat(config.scaleFastWeight()).isEqualTo(0.20);
        assertThat(config.halfLifeSec()).isEqualTo(600);
        assertThat(config.ofiDepthHalfLifeSec()).isEqualTo(60);
        assertThat(config.winsorLimit()).isEqualTo(8);
        assertThat(config.outputDir()).isEqualTo("./data");
        assertThat(config.stateDir()).isEqualTo("./state");
        assertThat(config.marketSeed()).isEqualTo(42);
        assertThat(config.marketRate()).isEqualTo(50);
        assertThat(config.marketEvents()).isZero();
        assertThat(config.bookLevels()).isEqualTo(10);
        assertThat(config.ofiLevels()).isEqualTo(5);
        assertThat(config.ofiWeights()).containsExactly(0.2, 0.2, 0.2, 0.2, 0.2);
        assertThat(config.ofiWindow()).isEqualTo(300);
        assertThat(config.ofiEmaAlpha()).isEqualTo(0.05);
        assertThat(config.cvdWindow()).isEqualTo(300);
        assertThat(config.webUiPort()).isEqualTo(8081);
        assertThat(config.consoleSummaryEvery()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void loadingWithNothingSetGivesTheDefaults() {
        assertThat(OrderflowConfig.load(NO_ARGS, Map.of())).isEqualTo(OrderflowConfig.defaults());
    }

    @Test
    void eachLayerOverridesTheOneBelow() throws IOException {
        Path profile = writeProfile("PARQUET_ROTATE_SEC=10", "DEDUP_LRU=5", "MARKET_RATE=7");
        Map<String, String> env = Map.of("DEDUP_LRU", "6", "MARKET_RATE", "8");
        String[] args = {"--profile", profile.toString(), "--market-rate", "9"};

        OrderflowConfig config = OrderflowConfig.load(args, env);

        assertThat(config.webUiPort()).as("default").isEqualTo(8081);
        assertThat(config.parquetRotateSec()).as("profile over default").isEqualTo(10);
        assertThat(config.dedupLru()).as("environment over profile").isEqualTo(6);
        assertThat(config.marketRate()).as("flag over environment").isEqualTo(9);
    }

    @Test
    void profileCanBeNamedInTheEnvironmentAndTheFlagWins() throws IOException {
        Path fromEnv = writeProfile("WEB_UI_PORT=9001");
        Path fromFlag = Files.writeString(tempDir.resolve("flag.properties"), "WEB_UI_PORT=9002\n");

        assertThat(OrderflowConfig.load(NO_ARGS, Map.of("PROFILE", fromEnv.toString())).webUiPort())
                .isEqualTo(9001);
        assertThat(OrderflowConfig.load(
                        new String[] {"--profile=" + fromFlag}, Map.of("PROFILE", fromEnv.toString()))
                .webUiPort())
                .isEqualTo(9002);
    }

    @Test
    void flagAcceptsBothSeparateAndInlineValues() {
        OrderflowConfig separate = OrderflowConfig.load(new String[] {"--parquet-rotate-sec", "30"}, Map.of());
        OrderflowConfig inline = OrderflowConfig.load(new String[] {"--parquet-rotate-sec=30"}, Map.of());

        assertThat(separate.parquetRotateSec()).isEqualTo(30);
        assertThat(inline).isEqualTo(separate);
    }

    @Test
    void negativeNumberIsAValueNotAFlag() {
        OrderflowConfig config = OrderflowConfig.load(new String[] {"--market-seed", "-7"}, Map.of());

        assertThat(config.marketSeed()).isEqualTo(-7);
    }

    @Test
    void valuesAreTrimmedAndNormalised() {
        OrderflowConfig config = OrderflowConfig.load(
                new String[] {"--symbols", " solusdt , BNBUSDT ", "--z-mode", "LEVEL", "--scale-mode=Mad"}, Map.of());

        assertThat(config.symbols()).containsExactly("SOLUSDT", "BNBUSDT");
        assertThat(config.zMode()).isEqualTo(ZMode.LEVEL);
        assertThat(config.scaleMode()).isEqualTo(ScaleMode.MAD);
    }

    @Test
    void unrelatedAndBlankEnvironmentVariablesAreIgnored() {
        Map<String, String> env = Map.of("HOME", "/root", "FOO", "bar", "SYMBOLS", "  ", "PROFILE", "");

        assertThat(OrderflowConfig.load(NO_ARGS, env)).isEqualTo(OrderflowConfig.defaults());
    }

    @Test
    void runDurationFollowsRunHours() {
        assertThat(OrderflowConfig.defaults().with("RUN_HOURS", "1.5").runDuration())
                .contains(Duration.ofMinutes(90));
    }

    @Test
    void ofiWeightsDefaultToEqualWeightsForTheLevelsInUse() {
        OrderflowConfig config = OrderflowConfig.defaults().with("OFI_LEVELS", "4");

        assertThat(config.ofiWeights()).containsExactly(0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void explicitOfiWeightsAreKept() {
        OrderflowConfig config = OrderflowConfig.load(
                new String[] {"--ofi-levels", "3", "--ofi-weights", "0.5, 0.3, 0.2"}, Map.of());

        assertThat(config.ofiWeights()).containsExactly(0.5, 0.3, 0.2);
    }

    @Test
    void ofiWeightsReturnsACopy() {
        OrderflowConfig config = OrderflowConfig.defaults();
        config.ofiWeights()[0] = 99;

        assertThat(config.ofiWeights()[0]).isEqualTo(0.2);
    }

    @Test
    void withReturnsAValidatedCopyAndLeavesTheOriginal() {
        OrderflowConfig original = OrderflowConfig.defaults();
        OrderflowConfig changed = original.with("PARQUET_ROTATE_SEC", "5");

        assertThat(changed.parquetRotateSec()).isEqualTo(5);
        assertThat(original.parquetRotateSec()).isEqualTo(60);
        assertThatThrownBy(() -> original.with("PARQUET_ROTATE_SEC", "0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PARQUET_ROTATE_SEC=0");
        assertThatThrownBy(() -> original.with("NOPE", "1"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown key NOPE; see --help");
    }

    @Test
    void toMapHasEveryKeySortedWithCanonicalValues() {
        Map<String, String> map = OrderflowConfig.defaults().with("HALF_LIFE_SEC", "600.000").toMap();

        assertThat(map.keySet()).containsExactlyElementsOf(
                ConfigKeys.ALL.stream().map(ConfigKey::name).sorted().toList());
        assertThat(map)
                .containsEntry("HALF_LIFE_SEC", "600")
                .containsEntry("SCALE_FAST_WEIGHT", "0.2")
                .containsEntry("SYMBOLS", "BTCUSDT,ETHUSDT")
                .containsEntry("Z_MODE", "delta")
                .containsEntry("OFI_WEIGHTS", "0.2,0.2,0.2,0.2,0.2");
    }

    @Test
    void fingerprintIsTheSameForTheSameEffectiveConfig() throws IOException {
        Path profile = writeProfile("MARKET_RATE=20", "HALF_LIFE_SEC=120");
        OrderflowConfig viaProfile = OrderflowConfig.load(new String[] {"--profile", profile.toString()}, Map.of());
        OrderflowConfig viaFlags = OrderflowConfig.load(
                new String[] {"--half-life-sec", "120.0", "--market-rate=2E+1"}, Map.of());

        assertThat(viaProfile.fingerprint()).matches("[0-9a-f]{16}").isEqualTo(viaFlags.fingerprint());
        assertThat(viaProfile).isEqualTo(viaFlags).hasSameHashCodeAs(viaFlags);
        assertThat(OrderflowConfig.defaults().with("MARKET_RATE", "50.0").fingerprint())
                .isEqualTo(OrderflowConfig.defaults().fingerprint());
    }

    @Test
    void fingerprintChangesWhenAValueChanges() {
        OrderflowConfig config = OrderflowConfig.defaults();

        assertThat(config.with("MARKET_SEED", "43").fingerprint()).isNotEqualTo(config.fingerprint());
        assertThat(config.with("SYMBOLS", "BTCUSDT").fingerprint()).isNotEqualTo(config.fingerprint());
    }

    @Test
    void operationalKeysStayOutOfTheFingerprint() {
        OrderflowConfig config = OrderflowConfig.defaults();

        assertThat(config.with("OUTPUT_DIR", "/elsewhere")
                        .with("STATE_DIR", "/state2")
                        .with("WEB_UI_PORT", "9081")
                        .with("RUN_HOURS", "72")
                        .with("RESUME_FROM", "file:///tmp/savepoint-1")
                        .fingerprint())
                .isEqualTo(config.fingerprint());
    }

    @Test
    void resumeFromIsOptional() {
        assertThat(OrderflowConfig.defaults().resumeFrom()).isEmpty();
        assertThat(OrderflowConfig.load(new String[] {"--resume-from", "/tmp/sp-1"}, Map.of()).resumeFrom())
                .contains("/tmp/sp-1");
    }

    @Test
    void describeListsEveryKeyWithItsSource() {
        String description = OrderflowConfig.load(new String[] {"--market-rate", "9"}, Map.of("DEDUP_LRU", "6"))
                .describe();

        assertThat(description)
                .contains("MARKET_RATE", "(flag --market-rate)")
                .contains("DEDUP_LRU", "(environment variable DEDUP_LRU)")
                .contains("WEB_UI_PORT", "8081", "(default)");
        ConfigKeys.ALL.forEach(key -> assertThat(description).contains(key.name()));
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        OrderflowConfig config = OrderflowConfig.defaults().with("SYMBOLS", "SOLUSDT").with("OFI_LEVELS", "2");

        OrderflowConfig copy = InstantiationUtil.clone(config);

        assertThat(copy).isEqualTo(config);
        assertThat(copy.symbols()).containsExactly("SOLUSDT");
        assertThat(copy.ofiWeights()).containsExactly(0.5, 0.5);
        assertThat(copy.with("OFI_LEVELS", "4").ofiWeights()).hasSize(4);
    }

    @Test
    void helpIsRecognisedInEitherForm() {
        assertThat(OrderflowConfig.helpRequested(new String[] {"--symbols", "BTCUSDT", "--help"})).isTrue();
        assertThat(OrderflowConfig.helpRequested(new String[] {"-h"})).isTrue();
        assertThat(OrderflowConfig.helpRequested(new String[] {"--symbols", "BTCUSDT"})).isFalse();
    }

    @Test
    void usageDescribesEveryKeyAndThePrecedence() {
        String usage = OrderflowConfig.usage();

        assertThat(usage).contains("built-in default < profile file < environment variable < command-line flag");
        assertThat(usage).contains("--profile", "PROFILE", "jobs/profiles/NAME.properties");
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            assertThat(usage).contains(key.flag(), "env " + key.name(), key.description(), key.allowed());
        }
        assertThat(usage).contains("default: 60; allowed: an integer in [1, 3600]");
    }

    private Path writeProfile(String... lines) throws IOException {
        return Files.write(tempDir.resolve("test.properties"), List.of(lines));
    }
}
