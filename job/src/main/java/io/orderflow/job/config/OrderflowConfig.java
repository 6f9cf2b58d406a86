package io.orderflow.job.config;

import static io.orderflow.job.config.ConfigKeys.BOOK_LEVELS;
import static io.orderflow.job.config.ConfigKeys.OFI_LEVELS;
import static io.orderflow.job.config.ConfigKeys.OFI_WEIGHTS;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.signal.RobustScaleSettings;
import io.orderflow.core.signal.ScaleMode;
import io.orderflow.core.signal.ZMode;
import io.orderflow.job.config.ConfigSources.Setting;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.apache.flink.api.common.ExecutionConfig;

/**
 * The job's typed, validated configuration. Each key is taken from, lowest to highest precedence:
 * built-in defaults &lt; a profile file &lt; environment variables &lt; command-line flags. Everything
 * is validated at load, so a bad value fails the start with a {@link ConfigException} instead of
 * surfacing later inside an operator.
 *
 * <p>Registered as Flink global job parameters, so the effective values show in the Web UI.
 * Immutable; variations are made with {@link #with(String, String)}.
 */
public final class OrderflowConfig extends ExecutionConfig.GlobalJobParameters {

    private static final long serialVersionUID = 1L;

    private static final String DEFAULT_SOURCE = "default";

    /** Explicitly set raw values; kept so {@link #with} re-derives defaults that depend on other keys. */
    private final TreeMap<String, Setting> settings;
    /** Parsed values by key name; every value is of a serializable type (see {@link ValueType}). */
    private final HashMap<String, Object> values;
    private final TreeMap<String, String> canonical;

    private OrderflowConfig(Map<String, Setting> settings, Map<String, Object> values) {
        this.settings = new TreeMap<>(settings);
        this.values = new HashMap<>(values);
        this.canonical = new TreeMap<>();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            canonical.put(key.name(), key.format(values.get(key.name())));
        }
    }

    /**
     * Loads the configuration from command-line flags, the environment and the profile they name.
     * Call {@link #helpRequested} first: {@code --help} is not a setting.
     *
     * @param args command-line arguments, {@code --key value} or {@code --key=value}
     * @param env environment variables; only the known key names (and {@code PROFILE}) are read
     * @throws ConfigException if a key is unknown, a value invalid or the profile missing
     */
    public static OrderflowConfig load(String[] args, Map<String, String> env) {
        return resolve(ConfigSources.collect(args, env));
    }

    public static OrderflowConfig defaults() {
        return resolve(Map.of());
    }

    public static boolean helpRequested(String[] args) {
        return Arrays.stream(args).anyMatch(arg -> arg.equals("--help") || arg.equals("-h"));
    }

    /** The --help text: every key with its flag, environment name, default, allowed values and meaning. */
    public static String usage() {
        StringBuilder usage = new StringBuilder()
                .append("Usage: orderflow [--help] [--profile NAME|FILE] [--key value | --key=value]...\n\n")
                .append("Each setting is taken from, lowest to highest precedence:\n")
                .append("  built-in default < profile file < environment variable < command-line flag.\n")
                .append("The profile comes from --profile or the PROFILE environment variable: a path to a file,\n")
                .append("or a NAME for ").append(ConfigSources.PROFILE_DIR).append("/NAME.properties")
                .append(" (KEY=value lines, # comments).\n")
                .append("Empty environment variables are ignored.\n\nSettings:\n");
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            usage.append(String.format(
                    "  %s VALUE   (env %s)%n      %s%n      default: %s; allowed: %s%n",
                    key.flag(), key.name(), key.description(), key.defaultHelp(), key.allowed()));
        }
        return usage.toString();
    }

    /** A copy with one key set, with the precedence of a command-line flag; validated like a load. */
    public OrderflowConfig with(String key, String value) {
        ConfigKey<?> configKey = ConfigKeys.byName(key).orElseThrow(() -> ConfigKeys.unknownKey(key));
        Map<String, Setting> changed = new TreeMap<>(settings);
        changed.put(configKey.name(), new Setting(value, "override"));
        return resolve(changed);
    }

    private static OrderflowConfig resolve(Map<String, Setting> settings) {
        Map<String, Object> values = new HashMap<>();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            Setting setting = settings.get(key.name());
            if (setting != null) {
                values.put(key.name(), key.parse(setting.value(), setting.source()));
            } else {
                key.defaultValue().ifPresent(raw -> values.put(key.name(), key.parse(raw, DEFAULT_SOURCE)));
            }
        }
        applyCrossKeyRules(values, settings);
        return new OrderflowConfig(settings, values);
    }

    /** Rules and defaults that involve more than one key; run after every key parsed on its own. */
    private static void applyCrossKeyRules(Map<String, Object> values, Map<String, Setting> settings) {
        int bookLevels = (Integer) values.get(BOOK_LEVELS.name());
        int ofiLevels = (Integer) values.get(OFI_LEVELS.name());
        if (ofiLevels > bookLevels) {
            throw OFI_LEVELS.reject(String.valueOf(ofiLevels),
                    "greater than BOOK_LEVELS=" + bookLevels, sourceOf(OFI_LEVELS, settings));
        }
        if (values.get(ConfigKeys.SOURCE.name()) == SourceKind.REPLAY
                && ((List<?>) values.get(ConfigKeys.REPLAY_FILES.name())).isEmpty()) {
            throw ConfigKeys.REPLAY_FILES.reject("", "empty while SOURCE=replay: name the recordings to replay",
                    sourceOf(ConfigKeys.REPLAY_FILES, settings));
        }
        if ((Double) values.get(ConfigKeys.FUSION_W_OFI.name()) == 0.0
                && (Double) values.get(ConfigKeys.FUSION_W_CVD.name()) == 0.0) {
            throw ConfigKeys.FUSION_W_OFI.reject("0", "0 while FUSION_W_CVD is 0 too: the fusion score would always be 0",
                    sourceOf(ConfigKeys.FUSION_W_OFI, settings));
        }
        // The server binds first, so a shared port would fail the run later, in Flink or the reports.
        int serverPort = (Integer) values.get(ConfigKeys.SERVER_PORT.name());
        for (ConfigKey<Integer> other : List.of(ConfigKeys.WEB_UI_PORT, ConfigKeys.DQ_METRICS_PORT)) {
            if (serverPort != 0 && serverPort == (Integer) values.get(other.name())) {
                throw ConfigKeys.SERVER_PORT.reject(String.valueOf(serverPort), other.name() + "'s too",
                        sourceOf(ConfigKeys.SERVER_PORT, settings));
            }
        }
        double[] weights = (double[]) values.get(OFI_WEIGHTS.name());
        if (weights == null) {
            weights = new double[ofiLevels];
            Arrays.fill(weights, 1.0 / ofiLevels);
            values.put(OFI_WEIGHTS.name(), weights);
        } else if (weights.length != ofiLevels) {
            throw OFI_WEIGHTS.reject(OFI_WEIGHTS.format(weights),
                    "the wrong length (" + weights.length + " weights for OFI_LEVELS=" + ofiLevels + ")",
                    sourceOf(OFI_WEIGHTS, settings));
        }
    }

    private static String sourceOf(ConfigKey<?> key, Map<String, Setting> settings) {
        Setting setting = settings.get(key.name());
        return setting == null ? DEFAULT_SOURCE : setting.source();
    }

    @SuppressWarnings("unchecked")
    private <T> T get(ConfigKey<T> key) {
        return (T) values.get(key.name());
    }

    public List<String> symbols() {
        return get(ConfigKeys.SYMBOLS);
    }

    public double runHours() {
        return get(ConfigKeys.RUN_HOURS);
    }

    /** How long to run; empty when the job runs until stopped. */
    public Optional<Duration> runDuration() {
        double hours = runHours();
        return hours == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(hours * 3_600_000)));
    }

    public int parquetRotateSec() {
        return get(ConfigKeys.PARQUET_ROTATE_SEC);
    }

    public int parquetPublishSec() {
        return get(ConfigKeys.PARQUET_PUBLISH_SEC);
    }

    public int wssPingIntervalSec() {
        return get(ConfigKeys.WSS_PING_INTERVAL);
    }

    public int dedupLru() {
        return get(ConfigKeys.DEDUP_LRU);
    }

    public ZMode zMode() {
        return get(ConfigKeys.Z_MODE);
    }

    public ScaleMode scaleMode() {
        return get(ConfigKeys.SCALE_MODE);
    }

    public double madMultiplier() {
        return get(ConfigKeys.MAD_MULTIPLIER);
    }

    public double scaleFastWeight() {
        return get(ConfigKeys.SCALE_FAST_WEIGHT);
    }

    public double halfLifeSec() {
        return get(ConfigKeys.HALF_LIFE_SEC);
    }

    public double winsorLimit() {
        return get(ConfigKeys.WINSOR_LIMIT);
    }

    /** The CVD z-score's settings. */
    public RobustScaleSettings cvdScale() {
        return new RobustScaleSettings(scaleMode(), halfLifeSec(), cvdWindow(), madMultiplier(), scaleFastWeight(),
                winsorLimit());
    }

    public String outputDir() {
        return get(ConfigKeys.OUTPUT_DIR);
    }

    public String stateDir() {
        return get(ConfigKeys.STATE_DIR);
    }

    public long marketSeed() {
        return get(ConfigKeys.MARKET_SEED);
    }

    public double marketRate() {
        return get(ConfigKeys.MARKET_RATE);
    }

    public long marketEvents() {
        return get(ConfigKeys.MARKET_EVENTS);
    }

    public int bookLevels() {
        return get(ConfigKeys.BOOK_LEVELS);
    }

    public int ofiLevels() {
        return get(ConfigKeys.OFI_LEVELS);
    }

    /** One weight per OFI level, best level first; a copy, so callers cannot change the config. */
    public double[] ofiWeights() {
        return get(OFI_WEIGHTS).clone();
    }

    public int ofiWindow() {
        return get(ConfigKeys.OFI_WINDOW);
    }

    public double ofiEmaAlpha() {
        return get(ConfigKeys.OFI_EMA_ALPHA);
    }

    public double ofiDepthHalfLifeSec() {
        return get(ConfigKeys.OFI_DEPTH_HALF_LIFE_SEC);
    }

    public int cvdWindow() {
        return get(ConfigKeys.CVD_WINDOW);
    }

    public double fusionWeightOfi() {
        return get(ConfigKeys.FUSION_W_OFI);
    }

    public double fusionWeightCvd() {
        return get(ConfigKeys.FUSION_W_CVD);
    }

    public int fusionWindowSec() {
        return get(ConfigKeys.FUSION_WINDOW_SEC);
    }

    public int fusionIdleSec() {
        return get(ConfigKeys.FUSION_IDLE_SEC);
    }

    public int pivotBars() {
        return get(ConfigKeys.PIVOT_BARS);
    }

    public int divergenceLookbackBars() {
        return get(ConfigKeys.DIVERGENCE_LOOKBACK_BARS);
    }

    public double scoreZThreshold() {
        return get(ConfigKeys.SCORE_Z_THRESHOLD);
    }

    public double spreadBlowoutMult() {
        return get(ConfigKeys.SPREAD_BLOWOUT_MULT);
    }

    public double spreadBlowoutMinBps() {
        return get(ConfigKeys.SPREAD_BLOWOUT_MIN_BPS);
    }

    public double dataGapSec() {
        return get(ConfigKeys.DATA_GAP_SEC);
    }

    public int latencySpikeMs() {
        return get(ConfigKeys.LATENCY_SPIKE_MS);
    }

    public int eventCooldownSec() {
        return get(ConfigKeys.EVENT_COOLDOWN_SEC);
    }

    public int webUiPort() {
        return get(ConfigKeys.WEB_UI_PORT);
    }

    /** How often a local run prints its summary line on the console. */
    public Duration consoleSummaryEvery() {
        return Duration.ofSeconds(get(ConfigKeys.CONSOLE_SUMMARY_SEC));
    }

    /** When the data-quality preflight of a local run judges it; empty when skipped. */
    public Optional<Duration> preflightAfter() {
        double minutes = get(ConfigKeys.PREFLIGHT_MIN);
        return minutes == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(minutes * 60_000)));
    }

    /** How often a local run reports on data quality; empty for no reports. */
    public Optional<Duration> dqEvery() {
        double hours = get(ConfigKeys.DQ_EVERY_HOURS);
        return hours == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(hours * 3_600_000)));
    }

    public String dqReportDir() {
        return get(ConfigKeys.DQ_REPORT_DIR);
    }

    public List<String> dqFlags() {
        return get(ConfigKeys.DQ_FLAGS);
    }

    public int dqMetricsPort() {
        return get(ConfigKeys.DQ_METRICS_PORT);
    }

    public SourceKind source() {
        return get(ConfigKeys.SOURCE);
    }

    public MarketType binanceMarket() {
        return get(ConfigKeys.BINANCE_MARKET);
    }

    /** The WebSocket base URL, if one is set instead of Binance's own. */
    public Optional<String> binanceWsUrl() {
        return nonEmpty(get(ConfigKeys.BINANCE_WS_URL));
    }

    /** The REST base URL, if one is set instead of Binance's own. */
    public Optional<String> binanceRestUrl() {
        return nonEmpty(get(ConfigKeys.BINANCE_REST_URL));
    }

    public boolean bookTicker() {
        return get(ConfigKeys.BOOK_TICKER);
    }

    public int silenceTimeoutSec() {
        return get(ConfigKeys.SILENCE_TIMEOUT_SEC);
    }

    public boolean capture() {
        return get(ConfigKeys.CAPTURE);
    }

    /** How long a symbol's book may stay unsynced before it is reported. */
    public Duration bookSyncTimeout() {
        return Duration.ofSeconds(get(ConfigKeys.BOOK_SYNC_TIMEOUT_SEC));
    }

    /** A replay may end with symbols whose depth never gave a book. */
    public boolean allowUnsynced() {
        return get(ConfigKeys.ALLOW_UNSYNCED);
    }

    public List<String> replayFiles() {
        return get(ConfigKeys.REPLAY_FILES);
    }

    /** How many times the recordings' own pace a replay runs at; empty for as fast as the job takes them. */
    public OptionalDouble replaySpeed() {
        double speed = get(ConfigKeys.REPLAY_SPEED);
        return speed == Double.POSITIVE_INFINITY ? OptionalDouble.empty() : OptionalDouble.of(speed);
    }

    /** Savepoint or retained checkpoint to start a local run from, if any. */
    public Optional<String> resumeFrom() {
        return nonEmpty(get(ConfigKeys.RESUME_FROM));
    }

    /** The stream server's ingest endpoint; empty when there is no live output. */
    public Optional<String> liveUrl() {
        return nonEmpty(get(ConfigKeys.LIVE_URL));
    }

    /** The token sent to the ingest endpoint; empty for none. */
    public String serverIngestToken() {
        return get(ConfigKeys.SERVER_INGEST_TOKEN);
    }

    public int liveBufferRows() {
        return get(ConfigKeys.LIVE_BUFFER_ROWS);
    }

    /** The port of a local run's in-process stream server; 0 for none. */
    public int serverPort() {
        return get(ConfigKeys.SERVER_PORT);
    }

    private static Optional<String> nonEmpty(String value) {
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** Every key with its canonical value, sorted by key. Flink shows this map in the Web UI. */
    @Override
    public Map<String, String> toMap() {
        return new TreeMap<>(canonical);
    }

    /**
     * First 16 hex characters of the SHA-256 of the sorted canonical {@code KEY=value} lines of the
     * keys that shape the data: equal effective configs have equal fingerprints, however their
     * values were given, and operational keys (paths, ports, run length) do not count.
     */
    public String fingerprint() {
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(canonical).forEach((key, value) -> {
            if (!ConfigKeys.byName(key).orElseThrow().isOperational()) {
                lines.append(key).append('=').append(value).append('\n');
            }
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(lines.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    /** Multi-line dump of the effective values and where each came from, for the start-up log. */
    public String describe() {
        StringBuilder text = new StringBuilder("orderflow configuration, fingerprint ")
                .append(fingerprint())
                .append(':');
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            text.append(String.format(
                    "%n  %-18s = %-24s (%s)", key.name(), canonical.get(key.name()), sourceOf(key, settings)));
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrderflowConfig config && canonical.equals(config.canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        return "OrderflowConfig" + canonical;
    }
}
