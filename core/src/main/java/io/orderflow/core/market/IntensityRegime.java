package io.orderflow.core.market;

import java.util.SplittableRandom;

/**
 * How busy the simulated market is: a three-state Markov chain whose state scales the arrival
 * rate of orders. Each state lasts an exponential time and then hands over to one of the two
 * others with equal probability, so in the long run every state is equally likely and the
 * multipliers average to 1: the configured rate stays the long-run mean.
 */
enum IntensityRegime {
    QUIET(0.25),
    NORMAL(0.85),
    BUSY(1.9);

    /** Mean time a regime lasts: long enough to see spells of tens of seconds in the data. */
    static final double MEAN_DWELL_MS = 30_000.0;

    private final double multiplier;

    IntensityRegime(double multiplier) {
        this.multiplier = multiplier;
    }

    double multiplier() {
        return multiplier;
    }

    IntensityRegime next(SplittableRandom random) {
        IntensityRegime[] all = values();
        return all[(ordinal() + 1 + random.nextInt(all.length - 1)) % all.length];
    }
}
