package io.orderflow.job.config;

import static io.orderflow.job.config.ValueType.Range.atLeast;
import static io.orderflow.job.config.ValueType.Range.closed;
import static io.orderflow.job.config.ValueType.Range.openClosed;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.signal.ScaleMode;
import io.orderflow.core.signal.ZMode;
import java.util.List;
import java.util.Optional;

/** Every configuration key, in the order --help lists them. The single table the config is built from. */
final class ConfigKeys {

    static final ConfigKey<List<String>> SYMBOLS = ConfigKey.of(
            "SYMBOLS", ValueType.symbols(), "BTCUSDT,ETHUSDT",
            "exchange symbols to follow");
    static final ConfigKey<Double> RUN_HOURS = ConfigKey.of(
            "RUN_HOURS", ValueType.number(atLeast(0)), "0",
            "hours to run before stopping; 0 runs until stopped")
            .operational();
    static final ConfigKey<Integer> PARQUET_ROTATE_SEC = ConfigKey.of(
            "PARQUET_ROTATE_SEC", ValueType.integer(1, 3600), "60",
            "seconds between checkpoints; each checkpoint rolls the Parquet files");
    static final ConfigKey<Integer> PARQUET_PUBLISH_SEC = ConfigKey.of(
            "PARQUET_PUBLISH_SEC", ValueType.integer(0, 3600), "60",
            "least seconds between two publishes of committed rows into the hourly Parquet files (0: at every"
                    + " checkpoint); each publish adds a row group to a file of the current hour")
            .operational();
    static final ConfigKey<Integer> WSS_PING_INTERVAL = ConfigKey.of(
            "WSS_PING_INTERVAL", ValueType.integer(1, 600), "20",
            "seconds between WebSocket pings to the exchange");
    static final ConfigKey<Integer> DEDUP_LRU = ConfigKey.of(
            "DEDUP_LRU", ValueType.integer(1, 10_000_000), "100000",
            "recent trade ids remembered to drop duplicate trades");
    static final ConfigKey<ZMode> Z_MODE = ConfigKey.of(
            "Z_MODE", ValueType.choice(ZMode.class), "delta",
            "what the CVD z-score is computed over: each trade's signed volume (delta) or CVD against its slow trend (level)");
    static final ConfigKey<ScaleMode> SCALE_MODE = ConfigKey.of(
            "SCALE_MODE", ValueType.choice(ScaleMode.class), "hybrid",
            "how the CVD z-score's scale is estimated: slow decaying RMS (ewma), MAD times MAD_MULTIPLIER (mad),"
                    + " or SCALE_FAST_WEIGHT of the fast robust scale plus the rest of the slow one (hybrid)");
    static final ConfigKey<Double> MAD_MULTIPLIER = ConfigKey.of(
            "MAD_MULTIPLIER", ValueType.number(openClosed(0, 100)), "1.8",
            "the CVD scale's floor in robust sigmas (1.4826 x MAD of the last CVD_WINDOW trades); the scale of mad mode");
    static final ConfigKey<Double> SCALE_FAST_WEIGHT = ConfigKey.of(
            "SCALE_FAST_WEIGHT", ValueType.number(closed(0, 1)), "0.20",
            "weight of the fast robust scale in the hybrid CVD scale; the slow one has the rest");
    static final ConfigKey<Double> HALF_LIFE_SEC = ConfigKey.of(
            "HALF_LIFE_SEC", ValueType.number(openClosed(0, 86_400)), "600",
            "half-life in seconds (event time) of the CVD z-score's location and slow scale");
    static final ConfigKey<Double> WINSOR_LIMIT = ConfigKey.of(
            "WINSOR_LIMIT", ValueType.number(openClosed(0, 1000)), "8",
            "z_cvd is z_raw clipped to plus or minus this value; residuals are clipped there before the CVD scale learns them");
    static final ConfigKey<String> OUTPUT_DIR = ConfigKey.of(
            "OUTPUT_DIR", ValueType.path(), "./data",
            "root directory of the partitioned Parquet output")
            .operational();
    static final ConfigKey<String> STATE_DIR = ConfigKey.of(
            "STATE_DIR", ValueType.path(), "./state",
            "checkpoints and savepoints of local runs")
            .operational();
    static final ConfigKey<Long> MARKET_SEED = ConfigKey.of(
            "MARKET_SEED", ValueType.longInteger(Long.MIN_VALUE, Long.MAX_VALUE), "42",
            "random seed of the embedded market");
    static final ConfigKey<Double> MARKET_RATE = ConfigKey.of(
            "MARKET_RATE", ValueType.number(openClosed(0, 100_000)), "50",
            "mean events per second per symbol of the embedded market");
    static final ConfigKey<Long> MARKET_EVENTS = ConfigKey.of(
            "MARKET_EVENTS", ValueType.longInteger(0, Long.MAX_VALUE), "0",
            "events per symbol before the embedded market ends; 0 is unbounded");
    static final ConfigKey<Integer> BOOK_LEVELS = ConfigKey.of(
            "BOOK_LEVELS", ValueType.integer(1, 50), "10",
            "order-book levels carried per update (K)");
    static final ConfigKey<Integer> OFI_LEVELS = ConfigKey.of(
            "OFI_LEVELS", ValueType.integer(1, 50), "5",
            "book levels that contribute to the multi-level OFI")
            .requiring("at most BOOK_LEVELS");
    static final ConfigKey<double[]> OFI_WEIGHTS = ConfigKey.derived(
            "OFI_WEIGHTS", ValueType.weights(), "1/OFI_LEVELS each",
            "weight of each OFI level, best level first")
            .requiring("exactly OFI_LEVELS of them");
    static final ConfigKey<Integer> OFI_WINDOW = ConfigKey.of(
            "OFI_WINDOW", ValueType.integer(2, 1_000_000), "300",
            "events in the rolling OFI z-score window");
    static final ConfigKey<Double> OFI_EMA_ALPHA = ConfigKey.of(
            "OFI_EMA_ALPHA", ValueType.number(openClosed(0, 1)), "0.05",
            "smoothing factor of the OFI exponential moving average");
    static final ConfigKey<Double> OFI_DEPTH_HALF_LIFE_SEC = ConfigKey.of(
            "OFI_DEPTH_HALF_LIFE_SEC", ValueType.number(openClosed(0, 86_400)), "60",
            "half-life in seconds (event time) of the mean level depth OFI is divided by");
    static final ConfigKey<Integer> CVD_WINDOW = ConfigKey.of(
            "CVD_WINDOW", ValueType.integer(2, 1_000_000), "300",
            "trades in the rolling median absolute deviation (MAD) window of the CVD scale");
    static final ConfigKey<Double> FUSION_W_OFI = ConfigKey.of(
            "FUSION_W_OFI", ValueType.number(closed(0, 10)), "0.5",
            "weight of ofi_z in the fusion score")
            .requiring("FUSION_W_OFI and FUSION_W_CVD not both 0");
    static final ConfigKey<Double> FUSION_W_CVD = ConfigKey.of(
            "FUSION_W_CVD", ValueType.number(closed(0, 10)), "0.5",
            "weight of z_cvd in the fusion score");
    static final ConfigKey<Integer> FUSION_WINDOW_SEC = ConfigKey.of(
            "FUSION_WINDOW_SEC", ValueType.integer(10, 86_400), "300",
            "one-second ticks in the robust (median/MAD) window that scales the fusion score into score_z");
    static final ConfigKey<Integer> FUSION_IDLE_SEC = ConfigKey.of(
            "FUSION_IDLE_SEC", ValueType.integer(1, 3600), "10",
            "seconds of event time without ofi or cvd input after which a symbol stops ticking and its fusion state is dropped");
    static final ConfigKey<Integer> PIVOT_BARS = ConfigKey.of(
            "PIVOT_BARS", ValueType.integer(1, 120), "15",
            "a swing pivot is the extreme of this many 1m bars on each side; it is confirmed when the last of them closes");
    static final ConfigKey<Integer> DIVERGENCE_LOOKBACK_BARS = ConfigKey.of(
            "DIVERGENCE_LOOKBACK_BARS", ValueType.integer(2, 10_080), "120",
            "a divergence compares a confirmed pivot with the previous one of its kind at most this many 1m bars earlier");
    static final ConfigKey<Double> SCORE_Z_THRESHOLD = ConfigKey.of(
            "SCORE_Z_THRESHOLD", ValueType.number(openClosed(0, 1000)), "8",
            "a score_extreme event when |score_z| reaches this");
    static final ConfigKey<Double> SPREAD_BLOWOUT_MULT = ConfigKey.of(
            "SPREAD_BLOWOUT_MULT", ValueType.number(openClosed(1, 10_000)), "10",
            "a spread_blowout event when the spread reaches this multiple of its own slow baseline (and SPREAD_BLOWOUT_MIN_BPS)");
    static final ConfigKey<Double> SPREAD_BLOWOUT_MIN_BPS = ConfigKey.of(
            "SPREAD_BLOWOUT_MIN_BPS", ValueType.number(closed(0, 10_000)), "5",
            "a spread_blowout also needs a spread of at least this many basis points of the mid price");
    static final ConfigKey<Double> DATA_GAP_SEC = ConfigKey.of(
            "DATA_GAP_SEC", ValueType.number(openClosed(0, 86_400)), "5",
            "a data_gap event when no trade came for this many seconds of event time while the regime was active");
    static final ConfigKey<Integer> LATENCY_SPIKE_MS = ConfigKey.of(
            "LATENCY_SPIKE_MS", ValueType.integer(1, 3_600_000), "500",
            "a latency_spike event when a trade's receive latency exceeds its own slow baseline by this many ms");
    static final ConfigKey<Integer> EVENT_COOLDOWN_SEC = ConfigKey.of(
            "EVENT_COOLDOWN_SEC", ValueType.integer(0, 86_400), "1800",
            "after an anomaly event, seconds of event time during which the same kind of anomaly of the symbol is only counted");
    static final ConfigKey<Integer> WEB_UI_PORT = ConfigKey.of(
            "WEB_UI_PORT", ValueType.integer(1, 65_535), "8081",
            "port of the Flink Web UI in local runs")
            .operational();
    static final ConfigKey<Integer> CONSOLE_SUMMARY_SEC = ConfigKey.of(
            "CONSOLE_SUMMARY_SEC", ValueType.integer(1, 86_400), "60",
            "local runs: seconds between the console's summary lines (processing latency, hand-off queues)")
            .operational();
    static final ConfigKey<Double> PREFLIGHT_MIN = ConfigKey.of(
            "PREFLIGHT_MIN", ValueType.number(closed(0, 1440)), "10",
            "local runs: minutes after the start when the data-quality preflight judges what was committed;"
                    + " a failure stops the job with a savepoint; 0 skips it")
            .operational();
    static final ConfigKey<Double> DQ_EVERY_HOURS = ConfigKey.of(
            "DQ_EVERY_HOURS", ValueType.number(atLeast(0)), "6",
            "local runs: hours between data-quality reports over OUTPUT_DIR, and one at the end; 0 = none")
            .operational();
    static final ConfigKey<String> DQ_REPORT_DIR = ConfigKey.of(
            "DQ_REPORT_DIR", ValueType.path(), "artifacts/dq_reports",
            "where local runs write their data-quality reports")
            .operational();
    static final ConfigKey<List<String>> DQ_FLAGS = ConfigKey.of(
            "DQ_FLAGS", ValueType.words(), "",
            "local runs: more flags for their data-quality reports, e.g. other thresholds (./jobs/dq.sh --help)")
            .operational();
    static final ConfigKey<Integer> DQ_METRICS_PORT = ConfigKey.of(
            "DQ_METRICS_PORT", ValueType.integer(0, 65_535), "9261",
            "local runs: port of the Prometheus endpoint of the data-quality reports (127.0.0.1); 0 = none")
            .operational();
    // Not operational, so in the fingerprint: synthetic, recorded and live markets give different
    // rows from the same signal settings, and a harvest must not pass for one configuration across them.
    static final ConfigKey<SourceKind> SOURCE = ConfigKey.of(
            "SOURCE", ValueType.choice(SourceKind.class), "embedded",
            "where market data comes from: the embedded synthetic market, Binance over WebSocket,"
                    + " a loopback exchange started in this process, or recorded files");
    static final ConfigKey<MarketType> BINANCE_MARKET = ConfigKey.of(
            "BINANCE_MARKET", ValueType.choice(MarketType.class), "usdm",
            "Binance market: spot, USD-M futures (usdm) or coin-M futures (coinm, quantities in contracts)");
    static final ConfigKey<String> BINANCE_WS_URL = ConfigKey.of(
            "BINANCE_WS_URL", ValueType.optionalUrl("ws", "wss"), "",
            "WebSocket base URL; empty for Binance's own for the market")
            .operational();
    static final ConfigKey<String> BINANCE_REST_URL = ConfigKey.of(
            "BINANCE_REST_URL", ValueType.optionalUrl("http", "https"), "",
            "REST base URL (snapshots, trade back-fill); empty for Binance's own for the market")
            .operational();
    static final ConfigKey<Boolean> BOOK_TICKER = ConfigKey.of(
            "BOOK_TICKER", ValueType.flag(), "true",
            "also subscribe to @bookTicker, to check the rebuilt book against the exchange's top of book");
    static final ConfigKey<Integer> SILENCE_TIMEOUT_SEC = ConfigKey.of(
            "SILENCE_TIMEOUT_SEC", ValueType.integer(1, 3600), "60",
            "seconds without any message after which a WebSocket connection is reconnected")
            .operational();
    static final ConfigKey<Integer> BOOK_SYNC_TIMEOUT_SEC = ConfigKey.of(
            "BOOK_SYNC_TIMEOUT_SEC", ValueType.integer(1, 3600), "30",
            "seconds (receive time) after a symbol's first unsynced diff before its book is reported as book_unsynced")
            .operational();
    static final ConfigKey<Boolean> ALLOW_UNSYNCED = ConfigKey.of(
            "ALLOW_UNSYNCED", ValueType.flag(), "false",
            "let a replay end with status 0 even if a symbol's depth never gave a book (otherwise it exits 3 and says why)")
            .operational();
    static final ConfigKey<Boolean> CAPTURE = ConfigKey.of(
            "CAPTURE", ValueType.flag(), "false",
            "also write every received message to the raw kind, replayable later");
    static final ConfigKey<List<String>> REPLAY_FILES = ConfigKey.of(
            "REPLAY_FILES", ValueType.paths(), "",
            "recordings to replay with SOURCE=replay: cryptofeed *.ws.1.0, hftbacktest *.gz, or captures")
            .requiring("not empty when SOURCE=replay");
    static final ConfigKey<Double> REPLAY_SPEED = ConfigKey.of(
            "REPLAY_SPEED", ValueType.speed(openClosed(0, 1_000_000)), "max",
            "how fast SOURCE=replay plays its recordings: 1 = at their own pace, N = N times faster,"
                    + " max = as fast as the job takes them")
            .operational();
    static final ConfigKey<String> RESUME_FROM = ConfigKey.of(
            "RESUME_FROM", ValueType.optionalPath(), "",
            "savepoint or retained checkpoint a local run starts from, or latest (the newest savepoint"
                    + " under STATE_DIR/savepoints); empty starts afresh")
            .operational();
    static final ConfigKey<String> LIVE_URL = ConfigKey.of(
            "LIVE_URL", ValueType.optionalUrl("ws", "wss"), "",
            "the stream server's ingest endpoint the job sends every row to as it is computed,"
                    + " e.g. ws://127.0.0.1:8000/ingest; empty = no live output")
            .operational();
    static final ConfigKey<String> SERVER_INGEST_TOKEN = ConfigKey.of(
            "SERVER_INGEST_TOKEN", ValueType.secret(), "",
            "token the job sends to LIVE_URL (Authorization: Bearer), which the server requires of connections"
                    + " from other hosts; never shown")
            .operational();
    static final ConfigKey<Integer> LIVE_BUFFER_ROWS = ConfigKey.of(
            "LIVE_BUFFER_ROWS", ValueType.integer(1, 10_000_000), "10000",
            "rows each live sink subtask keeps while the server is down or slow; beyond them the oldest are dropped")
            .operational();
    static final ConfigKey<Integer> SERVER_PORT = ConfigKey.of(
            "SERVER_PORT", ValueType.integer(0, 65_535), "8000",
            "local runs with LIVE_URL empty: port of a stream server started in the same process on 127.0.0.1,"
                    + " which the job's live rows go to and whose /history reads OUTPUT_DIR; 0 = none")
            .requiring("not WEB_UI_PORT's or DQ_METRICS_PORT's")
            .operational();

    static final List<ConfigKey<?>> ALL = List.of(
            SYMBOLS, RUN_HOURS, PARQUET_ROTATE_SEC, PARQUET_PUBLISH_SEC, WSS_PING_INTERVAL, DEDUP_LRU,
            Z_MODE, SCALE_MODE, MAD_MULTIPLIER, SCALE_FAST_WEIGHT, HALF_LIFE_SEC, WINSOR_LIMIT,
            OUTPUT_DIR, STATE_DIR, MARKET_SEED, MARKET_RATE, MARKET_EVENTS,
            BOOK_LEVELS, OFI_LEVELS, OFI_WEIGHTS, OFI_WINDOW, OFI_EMA_ALPHA, OFI_DEPTH_HALF_LIFE_SEC, CVD_WINDOW,
            FUSION_W_OFI, FUSION_W_CVD, FUSION_WINDOW_SEC, FUSION_IDLE_SEC,
            PIVOT_BARS, DIVERGENCE_LOOKBACK_BARS, SCORE_Z_THRESHOLD, SPREAD_BLOWOUT_MULT, SPREAD_BLOWOUT_MIN_BPS,
            DATA_GAP_SEC, LATENCY_SPIKE_MS, EVENT_COOLDOWN_SEC,
            WEB_UI_PORT, CONSOLE_SUMMARY_SEC, PREFLIGHT_MIN, DQ_EVERY_HOURS, DQ_REPORT_DIR, DQ_FLAGS, DQ_METRICS_PORT,
            SOURCE, BINANCE_MARKET, BINANCE_WS_URL, BINANCE_REST_URL, BOOK_TICKER, SILENCE_TIMEOUT_SEC,
            BOOK_SYNC_TIMEOUT_SEC, CAPTURE, REPLAY_FILES, REPLAY_SPEED, ALLOW_UNSYNCED, RESUME_FROM,
            LIVE_URL, SERVER_INGEST_TOKEN, LIVE_BUFFER_ROWS, SERVER_PORT);

    private ConfigKeys() {}

    static Optional<ConfigKey<?>> byName(String name) {
        return ALL.stream().filter(key -> key.name().equals(name)).findFirst();
    }

    static Optional<ConfigKey<?>> byFlag(String flag) {
        return ALL.stream().filter(key -> key.flag().equals(flag)).findFirst();
    }

    static ConfigException unknownKey(String name) {
        return new ConfigException("unknown key " + name + "; see --help");
    }
}
