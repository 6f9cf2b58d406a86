package io.orderflow.core.model;

/**
 * A row of the {@code ofi} kind: order flow imbalance after one book update.
 *
 * @param tsMs exchange event time of the book update, epoch ms UTC
 * @param ofiValue weighted multi-level OFI of this update, divided by {@code scale}
 * @param ofiZ rolling z-score of {@code ofiValue}; 0 when the window has no dispersion
 * @param scale the divisor applied to the raw OFI (1 while no depth normalisation is configured)
 * @param regime activity regime of the symbol ({@code quiet}, {@code normal}, {@code active})
 * @param ofiEma exponential moving average of {@code ofiValue}
 * @param warmup the rolling window is not full yet
 * @param stdZero the window has zero dispersion, so {@code ofiZ} is 0 by definition
 * @param bestBid best bid price of the book update, NaN when the bid side is empty
 * @param bestAsk best ask price of the book update, NaN when the ask side is empty
 * @param ofiL1 the level-1 contribution e_1 of this update: unweighted, not divided by {@code scale}
 *     (base asset; coin-M: contracts)
 */
public record OfiRow(
        long tsMs,
        String symbol,
        double ofiValue,
        double ofiZ,
        double scale,
        String regime,
        double ofiEma,
        boolean warmup,
        boolean stdZero,
        double bestBid,
        double bestAsk,
        double ofiL1) {}
