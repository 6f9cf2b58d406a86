package io.orderflow.core.model;

/**
 * A bar as the live output sends it: while it forms ({@code closed} false, the bar so far) or once,
 * when it closes ({@code closed} true, the row the {@code klines} kind keeps).
 */
public record KlineUpdate(KlineRow bar, boolean closed) {}
