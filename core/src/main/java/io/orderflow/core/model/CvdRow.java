package io.orderflow.core.model;

/**
 * A row of the {@code cvd} kind: cumulative volume delta after one trade.
 *
 * @param tsMs trade time (exchange {@code T}) of the trade, epoch ms UTC, as in {@code prices}
 * @param aggTradeId id of the trade this row follows: the aggregate trade id for {@code @aggTrade}, the
 *     trade id for {@code @trade}. Several trades share a millisecond, so this, not {@code tsMs}, orders
 *     the rows of a symbol
 * @param cvd running sum of signed taker volume
 * @param delta this trade's signed taker volume
 * @param zRaw z-score of {@code delta}, unclipped
 * @param zCvd {@code zRaw} winsorised at the configured limit
 * @param scale the dispersion {@code zRaw} was divided by
 * @param sigmaFloor the lower bound on {@code scale}
 * @param floorUsed the floor was binding
 * @param regime activity regime of the symbol ({@code quiet}, {@code normal}, {@code active})
 */
public record CvdRow(
        long tsMs,
        String symbol,
        long aggTradeId,
        double cvd,
        double delta,
        double zRaw,
        double zCvd,
        double scale,
        double sigmaFloor,
        boolean floorUsed,
        String regime) {}
