package io.orderflow.client;

/**
 * One row as the server sends it on {@code /ws/stream} and in {@code /incremental} pages
 * (docs/live-protocol.md): its stream, its sequence number there, and the row.
 */
public record LiveMessage(String stream, long seq, Row row) {}
