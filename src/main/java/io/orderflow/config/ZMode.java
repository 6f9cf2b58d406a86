package io.orderflow.config;

/** What the OFI z-score is computed over (key {@code Z_MODE}). */
public enum ZMode {
    /** The OFI contribution of each event. */
    DELTA,
    /** The running OFI level. */
    LEVEL
}
