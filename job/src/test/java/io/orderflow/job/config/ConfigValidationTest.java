package io.orderflow.job.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a setting can be wrong fails the load with a message that says what to fix. */
class ConfigValidationTest {

    @TempDir
    Path tempDir;

    @Test
    void outOfRangeMessageNamesKeyValueRangeMeaningAndSource() {
        assertThatThrownBy(() -> load("--parquet-rotate-sec", "0"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PARQUET_ROTATE_SEC=0 is out of range: expected an integer in [1, 3600]"
                        + " (seconds between checkpoints; each checkpoint rolls the Parquet files)"
                        + " [from flag --parquet-rotate-sec]");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "PARQUET_ROTATE_SEC | 3601          | out of range      | an integer in [1, 3600]",
        "PARQUET_ROTATE_SEC | 60s           | not an integer    | an integer in [1, 3600]",
        "PARQUET_ROTATE_SEC | 60.0          | not an integer    | an integer in [1, 3600]",
        "PARQUET_ROTATE_SEC | 99999999999   | out of range      | an integer in [1, 3600]",
        "DEDUP_LRU          | 0             | out of range      | an integer in [1, 10000000]",
        "WSS_PING_INTERVAL  | ''            | not an integer    | an integer in [1, 600]",
        "WEB_UI_PORT        | 65536         | out of range      | an integer in [1, 65535]",
        "CONSOLE_SUMMARY_SEC | 0            | out of range      | an integer in [1, 86400]",
        "BOOK_LEVELS        | 51            | out of range      | an integer in [1, 50]",
        "OFI_WINDOW         | 1             | out of range      | an integer in [2, 1000000]",
        "MARKET_EVENTS      | -1            | out of range      | an integer >= 0",
        "MARKET_SEED        | 0x2A          | not an integer    | an integer",
        "RUN_HOURS          | -0.5          | out of range      | a number >= 0",
        "MAD_MULTIPLIER     | 0             | out of range      | a number (0, 100]",
        "MAD_MULTIPLIER     | 100.01        | out of range      | a number (0, 100]",
        "MAD_MULTIPLIER     | NaN           | not a number      | a number (0, 100]",
        "MAD_MULTIPLIER     | 1.8d          | not a number      | a number (0, 100]",
        "HALF_LIFE_SEC      | Infinity      | not a number      | a number (0, 86400]",
        "RUN_HOURS          | 1e400         | not finite        | a number >= 0",
        "SCALE_FAST_WEIGHT  | 1.5           | out of range      | a number [0, 1]",
        "OFI_EMA_ALPHA      | 0             | out of range      | a number (0, 1]",
        "OFI_DEPTH_HALF_LIFE_SEC | 0        | out of range      | a number (0, 86400]",
        "MARKET_RATE        | 100001        | out of range      | a number (0, 100000]",
        "REPLAY_SPEED       | 0             | out of range      | max, or a number (0, 1000000]",
        "REPLAY_SPEED       | fast          | not a number      | max, or a number (0, 1000000]",
        "WINSOR_LIMIT       | -1            | out of range      | a number (0, 1000]",
        "Z_MODE             | zscore        | not a known choice | one of delta, level",
        "SCALE_MODE         | median        | not a known choice | one of ewma, mad, hybrid",
        "SYMBOLS            | BTC-USDT      | invalid (symbol 'BTC-USDT' is not a Binance symbol) | BTCUSD_PERP",
        "SYMBOLS            | B             | invalid (symbol 'B' is not a Binance symbol) | BTCUSD_PERP",
        "SYMBOLS            | 'BTCUSDT,,ETHUSDT' | invalid (symbol '' is not a Binance symbol) | BTCUSD_PERP",
        "SYMBOLS            | _             | invalid (symbol '_' is not a Binance symbol) | BTCUSD_PERP",
        "SYMBOLS            | BTCUSD_       | invalid (symbol 'BTCUSD_' is not a Binance symbol) | BTCUSD_PERP",
        "SYMBOLS            | _PERP         | invalid (symbol '_PERP' is not a Binance symbol) | BTCUSD_PERP",
        "BINANCE_MARKET     | coin-m        | not a known choice | one of spot, usdm, coinm",
        "SYMBOLS            | 'BTCUSDT,btcusdt'  | invalid (duplicate symbol BTCUSDT) | one or more distinct symbols",
        "SYMBOLS            | ''            | blank             | one or more distinct symbols",
        "OUTPUT_DIR         | '  '          | blank             | a non-blank path",
        "OFI_WEIGHTS        | '0,0,0,0,0'   | invalid (all weights are zero) | finite numbers, not all zero",
        "OFI_WEIGHTS        | '1,x,1,1,1'   | invalid (item 2 'x' is not a number) | finite numbers, not all zero",
    })
    void invalidValueIsRejectedWithKeyReasonAndRange(String key, String value, String reason, String allowed) {
        String flag = "--" + key.toLowerCase().replace('_', '-');

        assertThatThrownBy(() -> load(flag + "=" + value))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(key + "=" + value.trim() + " is " + reason + ": expected ")
                .hasMessageContaining(allowed)
                .hasMessageEndingWith("[from flag " + flag + "]");
    }

    @Test
    void invalidValueFromTheEnvironmentNamesTheVariable() {
        assertThatThrownBy(() -> OrderflowConfig.load(new String[0], Map.of("WEB_UI_PORT", "http")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("WEB_UI_PORT=http is not an integer")
                .hasMessageEndingWith("[from environment variable WEB_UI_PORT]");
    }

    @Test
    void invalidValueFromAProfileNamesTheFileAndLine() throws IOException {
        Path profile = Files.writeString(tempDir.resolve("bad.properties"), "# comment\n\nZ_MODE=sideways\n");

        assertThatThrownBy(() -> load("--profile", profile.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Z_MODE=sideways is not a known choice: expected one of delta, level")
                .hasMessageEndingWith("[from profile " + profile + " line 3]");
    }

    @Test
    void ofiLevelsAboveBookLevelsIsRejected() {
        assertThatThrownBy(() -> load("--book-levels", "3", "--ofi-levels", "4"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("OFI_LEVELS=4 is greater than BOOK_LEVELS=3: expected ")
                .hasMessageContaining("at most BOOK_LEVELS");
    }

    @Test
    void ofiWeightsOfTheWrongLengthAreRejected() {
        assertThatThrownBy(() -> load("--ofi-weights", "0.5,0.5"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("OFI_WEIGHTS=0.5,0.5 is the wrong length (2 weights for OFI_LEVELS=5)")
                .hasMessageContaining("exactly OFI_LEVELS of them");
    }

    @Test
    void unknownFlagIsRejected() {
        assertThatThrownBy(() -> load("--parquet-rotate-secs", "60"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown key PARQUET_ROTATE_SECS; see --help");
    }

    @Test
    void flagsAreLowerCaseOnly() {
        assertThatThrownBy(() -> load("--SYMBOLS", "BTCUSDT"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown key SYMBOLS; see --help");
    }

    @Test
    void positionalArgumentIsRejected() {
        assertThatThrownBy(() -> load("BTCUSDT"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unexpected argument 'BTCUSDT'");
    }

    @Test
    void flagWithoutValueIsRejected() {
        assertThatThrownBy(() -> load("--symbols", "--run-hours", "1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("flag --symbols needs a value");
        assertThatThrownBy(() -> load("--run-hours"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("flag --run-hours needs a value");
    }

    @Test
    void repeatedFlagIsRejected() {
        assertThatThrownBy(() -> load("--run-hours", "1", "--run-hours=2"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("flag --run-hours is given more than once");
    }

    @Test
    void missingProfileNamesThePathsTried() {
        assertThatThrownBy(() -> load("--profile", "no-such-profile"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("profile 'no-such-profile' not found: tried ")
                .hasMessageEndingWith(Path.of("jobs", "profiles", "no-such-profile.properties")
                        .toAbsolutePath().toString());
        Path missing = tempDir.resolve("missing.properties");
        assertThatThrownBy(() -> OrderflowConfig.load(new String[0], Map.of("PROFILE", missing.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("profile '" + missing + "' not found: tried " + missing);
    }

    @Test
    void unknownKeyInProfileIsRejected() throws IOException {
        Path profile = Files.writeString(tempDir.resolve("typo.properties"), "SYMBOLS=BTCUSDT\nSYMBOL=ETHUSDT\n");

        assertThatThrownBy(() -> load("--profile", profile.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("profile " + profile + " line 2: unknown key SYMBOL; see --help");
    }

    @Test
    void malformedProfileLineIsRejected() throws IOException {
        Path profile = Files.writeString(tempDir.resolve("malformed.properties"), "SYMBOLS BTCUSDT\n");

        assertThatThrownBy(() -> load("--profile", profile.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("profile " + profile + " line 1: expected KEY=value, got 'SYMBOLS BTCUSDT'");
    }

    @Test
    void keySetTwiceInProfileIsRejected() throws IOException {
        Path profile = Files.writeString(tempDir.resolve("twice.properties"), "RUN_HOURS=1\nRUN_HOURS=2\n");

        assertThatThrownBy(() -> load("--profile", profile.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 2: RUN_HOURS is set twice");
    }

    private static OrderflowConfig load(String... args) {
        return OrderflowConfig.load(args, Map.of());
    }
}
