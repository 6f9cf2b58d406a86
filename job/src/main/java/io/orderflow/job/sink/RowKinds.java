package io.orderflow.job.sink;

import static io.orderflow.job.sink.ParquetColumn.bool;
import static io.orderflow.job.sink.ParquetColumn.float64;
import static io.orderflow.job.sink.ParquetColumn.int64;
import static io.orderflow.job.sink.ParquetColumn.optionalString;
import static io.orderflow.job.sink.ParquetColumn.string;
import static io.orderflow.job.sink.ParquetColumn.timestampMillis;

import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.FusionRow;
import io.orderflow.core.model.KlineRow;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.model.PriceRow;
import io.orderflow.core.model.RawFrame;
import java.util.List;

/**
 * The kinds of output. Column names and their order are a contract with whoever reads the
 * files (DuckDB, pyarrow): change them only together with the readers.
 */
public final class RowKinds {

    public static final ParquetRowKind<PriceRow> PRICES = new ParquetRowKind<>(
            "prices",
            PriceRow::tsMs,
            PriceRow::symbol,
            List.of(
                    timestampMillis("ts_ms", PriceRow::tsMs),
                    timestampMillis("event_ts_ms", PriceRow::eventTsMs),
                    string("symbol", PriceRow::symbol),
                    float64("price", PriceRow::price).dictionaryEncoded(),
                    float64("qty", PriceRow::qty).dictionaryEncoded(),
                    int64("agg_trade_id", PriceRow::aggTradeId),
                    int64("latency_ms", PriceRow::latencyMs).dictionaryEncoded(),
                    float64("recv_rate_tps", PriceRow::recvRateTps)));

    public static final ParquetRowKind<OfiRow> OFI = new ParquetRowKind<>(
            "ofi",
            OfiRow::tsMs,
            OfiRow::symbol,
            List.of(
                    timestampMillis("ts_ms", OfiRow::tsMs),
                    string("symbol", OfiRow::symbol),
                    float64("ofi_value", OfiRow::ofiValue),
                    float64("ofi_z", OfiRow::ofiZ),
                    float64("scale", OfiRow::scale),
                    optionalString("regime", OfiRow::regime),
                    float64("ofi_ema", OfiRow::ofiEma),
                    bool("warmup", OfiRow::warmup),
                    bool("std_zero", OfiRow::stdZero),
                    float64("best_bid", OfiRow::bestBid).dictionaryEncoded(),
                    float64("best_ask", OfiRow::bestAsk).dictionaryEncoded(),
                    float64("ofi_l1", OfiRow::ofiL1)));

    public static final ParquetRowKind<CvdRow> CVD = new ParquetRowKind<>(
            "cvd",
            CvdRow::tsMs,
            CvdRow::symbol,
            List.of(
                    timestampMillis("ts_ms", CvdRow::tsMs),
                    string("symbol", CvdRow::symbol),
                    int64("agg_trade_id", CvdRow::aggTradeId),
                    float64("cvd", CvdRow::cvd),
                    float64("delta", CvdRow::delta),
                    float64("z_raw", CvdRow::zRaw),
                    float64("z_cvd", CvdRow::zCvd),
                    float64("scale", CvdRow::scale),
                    float64("sigma_floor", CvdRow::sigmaFloor),
                    bool("floor_used", CvdRow::floorUsed),
                    optionalString("regime", CvdRow::regime)));

    /** OHLCV bars: one row per symbol, timeframe and bar with at least one trade. */
    public static final ParquetRowKind<KlineRow> KLINES = new ParquetRowKind<>(
            "klines",
            KlineRow::tsMs,
            KlineRow::symbol,
            List.of(
                    timestampMillis("ts_ms", KlineRow::tsMs),
                    string("symbol", KlineRow::symbol),
                    string("timeframe", KlineRow::timeframe),
                    float64("open", KlineRow::open),
                    float64("high", KlineRow::high),
                    float64("low", KlineRow::low),
                    float64("close", KlineRow::close),
                    float64("volume", KlineRow::volume),
                    float64("quote_volume", KlineRow::quoteVolume),
                    float64("taker_buy_volume", KlineRow::takerBuyVolume),
                    int64("trade_count", KlineRow::tradeCount),
                    float64("vwap", KlineRow::vwap)));

    /** The fused order-flow score: one row per symbol and second of event time. */
    public static final ParquetRowKind<FusionRow> FUSION = new ParquetRowKind<>(
            "fusion",
            FusionRow::tsMs,
            FusionRow::symbol,
            List.of(
                    timestampMillis("ts_ms", FusionRow::tsMs),
                    string("symbol", FusionRow::symbol),
                    float64("score", FusionRow::score),
                    float64("score_z", FusionRow::scoreZ),
                    float64("ofi_z", FusionRow::ofiZ),
                    float64("z_cvd", FusionRow::zCvd),
                    timestampMillis("ofi_ts_ms", FusionRow::ofiTsMs),
                    timestampMillis("cvd_ts_ms", FusionRow::cvdTsMs),
                    optionalString("regime", FusionRow::regime),
                    bool("warmup", FusionRow::warmup)));

    /** What happened to the feed or in the market (book resyncs, pivots, anomalies, ...): one row per event. */
    public static final ParquetRowKind<MarketNotice> EVENTS = new ParquetRowKind<>(
            "events",
            MarketNotice::timeMs,
            MarketNotice::symbol,
            List.of(
                    timestampMillis("ts_ms", MarketNotice::timeMs),
                    string("symbol", MarketNotice::symbol),
                    string("event_type", MarketNotice::type),
                    string("meta_json", MarketNotice::metaJson)));

    /** The optional capture of every message received, replayable later. */
    public static final ParquetRowKind<RawFrame> RAW = new ParquetRowKind<>(
            "raw",
            RawFrame::receiveTimeMs,
            RawFrame::symbol,
            List.of(
                    timestampMillis("ts_ms", RawFrame::receiveTimeMs),
                    string("symbol", RawFrame::symbol),
                    string("stream", RawFrame::stream),
                    string("payload", RawFrame::payload)));

    private RowKinds() {}
}
