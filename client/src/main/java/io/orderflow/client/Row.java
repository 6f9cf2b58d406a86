package io.orderflow.client;

/**
 * A row the job computed, with the field names and units of its Parquet columns (docs/signals.md):
 * times in epoch milliseconds UTC, a number JSON cannot hold (NaN, infinity) as {@code NaN}.
 */
public sealed interface Row permits Trade, Ofi, Cvd, Kline, Fusion, Event {

    /** The row's event time: its column {@code ts_ms}. */
    long tsMs();

    String symbol();
}
