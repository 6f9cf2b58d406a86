package io.orderflow.client;

/** A {@code fusion} row, one per symbol and second of event time; {@code regime} may be null. */
public record Fusion(long tsMs, String symbol, double score, double scoreZ, double ofiZ, double zCvd, long ofiTsMs,
        long cvdTsMs, String regime, boolean warmup) implements Row {}
