package io.orderflow.client;

/**
 * An {@code events} row: {@code eventType} as in docs/signals.md (Events), {@code metaJson} the figures
 * behind it, a JSON object kept as text.
 */
public record Event(long tsMs, String symbol, String eventType, String metaJson) implements Row {}
