package io.orderflow.job;

import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.FusionRow;
import io.orderflow.core.model.KlineRow;
import io.orderflow.core.model.KlineUpdate;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.model.PriceRow;
import io.orderflow.core.model.RawFrame;
import io.orderflow.core.model.Trade;
import io.orderflow.job.config.ConfigException;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.live.LiveEncoder;
import io.orderflow.job.live.LiveRow;
import io.orderflow.job.live.LiveSequencer;
import io.orderflow.job.live.LiveSink;
import io.orderflow.job.live.LiveSinkSettings;
import io.orderflow.job.metrics.CvdTailCounters;
import io.orderflow.job.serde.RecordTypes;
import io.orderflow.job.signal.CvdFunction;
import io.orderflow.job.signal.FeedAnomalyFunction;
import io.orderflow.job.signal.FusionFunction;
import io.orderflow.job.signal.KlineFunction;
import io.orderflow.job.signal.OfiFunction;
import io.orderflow.job.signal.PivotDivergenceFunction;
import io.orderflow.job.signal.PriceTapeFunction;
import io.orderflow.job.signal.ScoreExtremeFunction;
import io.orderflow.job.signal.SpreadBlowoutFunction;
import io.orderflow.job.sink.ParquetSinks;
import io.orderflow.job.sink.RowKinds;
import io.orderflow.job.source.MarketWatermarks;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orderflow job: market events in, per-symbol signals out.
 *
 * <pre>
 *   market source ─► route ─┬─ trades ─► keyBy(symbol) ─┬─► price tape ─► prices sink
 *                           │                           ├─► CVD ────────► cvd sink
 *                           │                           └─► klines ─────► klines sink (1m, 5m, 1h)
 *                           ├─ books ──► keyBy(symbol) ─┬─► OFI ────────► ofi sink
 *                           │                           └─► spread watch ► events sink: spread_blowout
 *                           ├─ notices (book resyncs) ──────────────────► events sink
 *                           └─ raw frames (CAPTURE) ────────────────────► raw sink
 *
 *   then, per symbol, downstream of those:
 *     OFI + CVD ─► fusion (each second of event time) ──► fusion sink
 *     klines' late trades (side output) ────────────────► events sink: late_trade
 *     klines 1m ─► swing pivots, divergences ───────────► events sink: pivot_*, *_divergence
 *     fusion ─► score extremes ─────────────────────────► events sink: score_extreme
 *     price tape ─► latency spikes, data gaps ──────────► events sink: latency_spike, data_gap
 *
 *   with live output on (LIVE_URL), every row of prices, ofi, cvd, klines (forming ones too), fusion
 *   and events, each encoded where it is computed:
 *     ─► keyBy(stream) ─► sequence numbers ─► live sink (WebSocket to the stream server)
 * </pre>
 *
 * <p>The source and the sinks are arguments, so tests run the same pipeline on bounded sources and
 * collecting sinks; {@link #main} wires the production ones.
 */
public final class OrderflowJob {

    private static final Logger LOG = LoggerFactory.getLogger(OrderflowJob.class);

    /** How often rows bound for a sink are handed over at the latest (see {@link #write}). */
    public static final long SINK_BUFFER_TIMEOUT_MS = 100;

    /** Where each kind of row goes. */
    public record Sinks(
            Sink<PriceRow> prices,
            Sink<OfiRow> ofi,
            Sink<CvdRow> cvd,
            Sink<KlineRow> klines,
            Sink<FusionRow> fusion,
            Sink<MarketNotice> events,
            Sink<RawFrame> raw) {}

    /** The signal streams, for callers that want to tap them besides the sinks. */
    public record Signals(
            DataStream<PriceRow> prices,
            DataStream<OfiRow> ofi,
            DataStream<CvdRow> cvd,
            DataStream<KlineRow> klines,
            DataStream<FusionRow> fusion,
            DataStream<MarketNotice> events) {}

    private final OrderflowConfig config;
    private final Source<MarketEvent, ?, ?> source;
    private final Sinks sinks;
    private final Optional<Sink<String>> live;

    /** Without live output. */
    public OrderflowJob(OrderflowConfig config, Source<MarketEvent, ?, ?> source, Sinks sinks) {
        this(config, source, sinks, Optional.empty());
    }

    /** @param live where the live messages go (see {@link #liveSink}), if anywhere */
    public OrderflowJob(OrderflowConfig config, Source<MarketEvent, ?, ?> source, Sinks sinks,
            Optional<Sink<String>> live) {
        this.config = config;
        this.source = source;
        this.sinks = sinks;
        this.live = live;
    }

    /** Adds the pipeline and its checkpointing to {@code env}; the sinks are attached. */
    public Signals addTo(StreamExecutionEnvironment env) {
        RecordTypes.configure(env);
        env.getConfig().setGlobalJobParameters(config);
        // Every event and row is an immutable record, built anew by sources and functions, and no
        // function mutates its input: chained operators may share objects instead of deep-copying
        // them (book arrays included), about 1.5x the throughput.
        env.getConfig().enableObjectReuse();
        // Bulk formats commit on checkpoints: the checkpoint interval is the Parquet rotation.
        env.enableCheckpointing(config.parquetRotateSec() * 1000L, CheckpointingMode.EXACTLY_ONCE);

        DataStream<MarketEvent> market = env.fromSource(source, MarketWatermarks.create(), "market source")
                .uid("market-source");
        SingleOutputStreamOperator<Trade> trades = market.process(new MarketEventRouter())
                .uid("route-market-events")
                .name("route trades and books");
        DataStream<BookTop> books = trades.getSideOutput(MarketEventRouter.BOOKS);
        write(sinks.raw(), "raw", List.of(trades.getSideOutput(MarketEventRouter.RAW)));

        // One shuffle for the three trade-driven functions: they chain behind this no-op and read
        // each trade as it passes, where keying each one apart made the source serialize every trade
        // three times.
        KeyedStream<Trade, String> tradesBySymbol = bySymbol(
                trades.keyBy(Trade::symbol).filter(trade -> true).uid("trades-by-symbol").name("trades by symbol"),
                Trade::symbol);
        DataStream<PriceRow> prices = tradesBySymbol
                .process(new PriceTapeFunction(config.source().receiveTimeIsLocal()))
                .uid("prices")
                .name("prices: latency and receive rate");
        DataStream<CvdRow> cvd = tradesBySymbol
                .process(new CvdFunction(config.zMode(), config.cvdScale()))
                .uid("cvd")
                .name("cvd: cumulative volume delta");
        // Monitoring counts of the z tails, chained after the CVD function (see CvdTailCounters).
        cvd = cvd.map(new CvdTailCounters()).uid("cvd-tail-metrics").name("metrics: cvd z tails");
        SingleOutputStreamOperator<KlineRow> klines = tradesBySymbol
                .process(new KlineFunction(live.isPresent()))
                .uid("klines")
                .name("klines: 1m, 5m, 1h OHLCV");
        // One shuffle for books too: OFI and the spread watch chain behind it.
        KeyedStream<BookTop, String> booksBySymbol = bySymbol(
                books.keyBy(BookTop::symbol).filter(book -> true).uid("books-by-symbol").name("books by symbol"),
                BookTop::symbol);
        DataStream<OfiRow> ofi = booksBySymbol
                .process(new OfiFunction(config.ofiWeights(), config.ofiWindow(), config.ofiEmaAlpha(),
                        config.ofiDepthHalfLifeSec(), config.source().receiveTimeIsLocal()))
                .uid("ofi")
                .name("ofi: order flow imbalance");
        DataStream<FusionRow> fusion = bySymbol(ofi, OfiRow::symbol)
                .connect(bySymbol(cvd, CvdRow::symbol))
                .process(new FusionFunction(config.fusionWeightOfi(), config.fusionWeightCvd(),
                        config.fusionWindowSec(), config.fusionIdleSec()))
                .uid("fusion")
                .name("fusion: score every second");

        DataStream<MarketNotice> pivots = bySymbol(klines, KlineRow::symbol)
                .process(new PivotDivergenceFunction(config.pivotBars(), config.divergenceLookbackBars()))
                .uid("pivots-divergences")
                .name("events: swing pivots and divergences");
        DataStream<MarketNotice> scoreExtremes = bySymbol(fusion, FusionRow::symbol)
                .process(new ScoreExtremeFunction(config.scoreZThreshold(), config.eventCooldownSec()))
                .uid("score-extremes")
                .name("events: score extremes");
        DataStream<MarketNotice> spreadBlowouts = booksBySymbol
                .process(new SpreadBlowoutFunction(config.spreadBlowoutMult(), config.spreadBlowoutMinBps(),
                        config.eventCooldownSec()))
                .uid("spread-blowouts")
                .name("events: spread blow-outs");
        DataStream<MarketNotice> feedAnomalies = bySymbol(prices, PriceRow::symbol)
                .process(new FeedAnomalyFunction(config.latencySpikeMs(), config.dataGapSec(), config.eventCooldownSec()))
                .uid("feed-anomalies")
                .name("events: latency spikes and data gaps");
        List<DataStream<MarketNotice>> eventSources = List.of(trades.getSideOutput(MarketEventRouter.NOTICES),
                klines.getSideOutput(KlineFunction.LATE_TRADES), pivots, scoreExtremes, spreadBlowouts, feedAnomalies);

        write(sinks.prices(), "prices", List.of(prices));
        write(sinks.ofi(), "ofi", List.of(ofi));
        write(sinks.cvd(), "cvd", List.of(cvd));
        write(sinks.klines(), "klines", List.of(klines));
        write(sinks.fusion(), "fusion", List.of(fusion));
        write(sinks.events(), "events", eventSources);
        if (live.isPresent()) {
            writeLive(live.get(), prices, ofi, cvd, klines.getSideOutput(KlineFunction.LIVE_BARS), fusion, eventSources);
        }
        return new Signals(prices, ofi, cvd, klines, fusion, union(eventSources));
    }

    /**
     * A keyed operator's output, still partitioned by symbol, keyed again without a shuffle: records
     * stay in their subtask (same parallelism, same key groups), and a one-input operator chains on.
     */
    private static <T> KeyedStream<T, String> bySymbol(
            DataStream<T> keyedOutput, KeySelector<T, String> symbol) {
        return DataStreamUtils.reinterpretAsKeyedStream(keyedOutput, symbol);
    }

    /**
     * Attaches the sink of one kind in a task of its own: on each checkpoint a Parquet sink closes and
     * fsyncs its part files, which can take a few hundred ms on a busy disk. Chained, that would stall
     * the operator computing the rows (or the source) for as long; behind a pointwise (rescale) edge,
     * the rows wait in network buffers and signals keep flowing to any other consumer. The writer and
     * its committer stay chained.
     *
     * <p>Rows bound for Parquet are only committed on checkpoints, so their network buffers need not be
     * sent within the millisecond that signal edges are ({@code execution.buffer-timeout}): each
     * producer hands them over through a chained pass-through whose output flushes every
     * {@value #SINK_BUFFER_TIMEOUT_MS} ms. That spares a flusher thread per edge 99 % of its wake-ups,
     * and the sink task as many small buffers.
     */
    private static <T> void write(Sink<T> sink, String kind, List<DataStream<T>> producers) {
        List<DataStream<T>> handOvers = new ArrayList<>();
        for (int i = 0; i < producers.size(); i++) {
            String suffix = producers.size() == 1 ? "" : "-" + (i + 1);
            handOvers.add(producers.get(i)
                    .filter(row -> true)
                    .setBufferTimeout(SINK_BUFFER_TIMEOUT_MS)
                    .uid("to-sink-" + kind + suffix)
                    .name("to sink")); // short: Flink truncates operator names in metrics past 80 characters
        }
        union(handOvers).rescale().sinkTo(sink).uid("sink-" + kind).name("sink: " + kind);
    }

    /**
     * The live output: each row encoded once, chained to the operator that computed it; then keyed by
     * stream for its sequence number. The sink is chained to the sequencer, so each stream's messages
     * leave in order over one connection.
     */
    private static void writeLive(Sink<String> sink, DataStream<PriceRow> prices, DataStream<OfiRow> ofi,
            DataStream<CvdRow> cvd, DataStream<KlineUpdate> klines, DataStream<FusionRow> fusion,
            List<DataStream<MarketNotice>> events) {
        List<DataStream<LiveRow>> rows = new ArrayList<>(List.of(
                encode(prices, LiveEncoder.of(RowKinds.PRICES, "trade"), "prices"),
                encode(ofi, LiveEncoder.of(RowKinds.OFI, "ofi"), "ofi"),
                encode(cvd, LiveEncoder.of(RowKinds.CVD, "cvd"), "cvd"),
                encode(klines, LiveEncoder.klines(), "klines"),
                encode(fusion, LiveEncoder.of(RowKinds.FUSION, "fusion"), "fusion")));
        for (int i = 0; i < events.size(); i++) {
            rows.add(encode(events.get(i), LiveEncoder.of(RowKinds.EVENTS, "events"), "events-" + (i + 1)));
        }
        union(rows).keyBy(LiveRow::stream)
                .process(new LiveSequencer())
                .uid("live-sequence")
                .name("live: sequence numbers")
                .sinkTo(sink)
                .uid("sink-live")
                .name("sink: live");
    }

    private static <T> DataStream<LiveRow> encode(DataStream<T> rows, LiveEncoder<T> encoder, String kind) {
        // short: chained to the source (its notices), the name joins the source task's, which Flink
        // truncates in metrics past 80 characters
        return rows.map(encoder).uid("live-encode-" + kind).name("to live");
    }

    private static <T> DataStream<T> union(List<DataStream<T>> streams) {
        DataStream<T> first = streams.get(0);
        return streams.size() == 1 ? first : first.union(streams.subList(1, streams.size()).toArray(DataStream[]::new));
    }

    /** Snappy Parquet under OUTPUT_DIR, each file's footer naming the configuration and the source behind it. */
    public static Sinks parquetSinks(OrderflowConfig config) {
        String dir = config.outputDir();
        String fingerprint = config.fingerprint();
        Map<String, String> footer = Map.of(
                ParquetSinks.CONFIG_KEY, config.toMap().toString(),
                ParquetSinks.SOURCE_KEY, config.source().name().toLowerCase(Locale.ROOT));
        Duration publish = Duration.ofSeconds(config.parquetPublishSec());
        return new Sinks(
                ParquetSinks.forKind(RowKinds.PRICES, dir, fingerprint, footer, publish),
                ParquetSinks.forKind(RowKinds.OFI, dir, fingerprint, footer, publish),
                ParquetSinks.forKind(RowKinds.CVD, dir, fingerprint, footer, publish),
                ParquetSinks.forKind(RowKinds.KLINES, dir, fingerprint, footer, publish),
                ParquetSinks.forKind(RowKinds.FUSION, dir, fingerprint, footer, publish),
                ParquetSinks.forKind(RowKinds.EVENTS, dir, fingerprint, footer, publish),
                ParquetSinks.forKind(RowKinds.RAW, dir, fingerprint, footer, publish));
    }

    /** The live sink of LIVE_URL, if it is set. */
    public static Optional<Sink<String>> liveSink(OrderflowConfig config) {
        return config.liveUrl().map(url -> new LiveSink(
                new LiveSinkSettings(URI.create(url), config.serverIngestToken(), config.liveBufferRows())));
    }

    /**
     * Loads the configuration, or prints the usage for {@code --help}. A bad configuration ends the
     * program with status 2 and a message that says what to fix.
     */
    public static OrderflowConfig configOrExit(String[] args) {
        if (OrderflowConfig.helpRequested(args)) {
            System.out.println(OrderflowConfig.usage());
            System.exit(0);
        }
        try {
            OrderflowConfig config = OrderflowConfig.load(args, System.getenv());
            LOG.info("{}", config.describe());
            return config;
        } catch (ConfigException e) {
            System.err.println("orderflow: " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    /**
     * Entry point on a Flink cluster: the configured market source into Parquet. Submitted attached,
     * it ends as a local run does: the feed summary, and status 3 for a symbol without books.
     */
    public static void main(String[] args) throws Exception {
        OrderflowConfig config = configOrExit(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new OrderflowJob(config, MarketSources.fromConfig(config), parquetSinks(config), liveSink(config)).addTo(env);
        JobExecutionResult result = env.execute("orderflow " + String.join(",", config.symbols()));
        int status = FeedReports.of(result).report(System.out, config.allowUnsynced());
        if (status != 0) {
            System.exit(status);
        }
    }
}
