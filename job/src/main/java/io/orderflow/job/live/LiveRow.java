package io.orderflow.job.live;

/**
 * One row on its way to the live output: the stream it belongs to (e.g. {@code btcusdt@kline_1m}) and
 * its {@code data} object, already encoded as JSON. The sequencer adds its number.
 */
public record LiveRow(String stream, String data) {}
