package io.orderflow.client;

import java.util.List;

/**
 * One answer of {@code /history}: {@code count} rows as the server counted them, {@code rows} those
 * that could be decoded, in event-time order, and the config fingerprints of the files read (rows
 * from runs with different settings are not comparable).
 */
public record HistoryPage(String stream, int count, List<Row> rows, List<String> fingerprints) {}
