package io.orderflow.core.model;

/**
 * A row of the {@code fusion} kind: one symbol's order-flow signals on a common one-second clock.
 *
 * @param tsMs the tick, a whole second of event time, epoch ms UTC
 * @param score {@code w_ofi · ofiZ + w_cvd · zCvd}
 * @param scoreZ {@code score} on its own robust scale: (score − median) / (1.4826 · MAD) over the
 *     last {@code FUSION_WINDOW_SEC} ticks
 * @param ofiZ {@code ofi_z} of the latest {@code ofi} row at or before the tick
 * @param zCvd {@code z_cvd} of the latest {@code cvd} row at or before the tick
 * @param ofiTsMs time of that {@code ofi} row
 * @param cvdTsMs time of that {@code cvd} row
 * @param regime {@code regime} of that {@code cvd} row: the trade rate over ~10 s against ~10 min
 * @param warmup the robust window is not full yet
 */
public record FusionRow(
        long tsMs,
        String symbol,
        double score,
        double scoreZ,
        double ofiZ,
        double zCvd,
        long ofiTsMs,
        long cvdTsMs,
        String regime,
        boolean warmup) {}
