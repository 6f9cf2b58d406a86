package io.orderflow.core.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmaTest {

    @Test
    void startsAtTheFirstValueThenBlends() {
        Ema ema = new Ema();
        assertThat(ema.update(0.5, 4)).isEqualTo(4.0);
        assertThat(ema.update(0.5, 8)).isEqualTo(6.0);
        assertThat(ema.update(0.5, 0)).isEqualTo(3.0);
    }

    @Test
    void alphaOneFollowsTheInput() {
        Ema ema = new Ema();
        ema.update(1.0, 4);
        assertThat(ema.update(1.0, -2)).isEqualTo(-2.0);
    }

    @Test
    void anotherAlphaAppliesFromTheNextValueOn() {
        Ema ema = new Ema();
        ema.update(0.5, 4);
        ema.update(0.5, 8);
        // 6 + 0.25 · (10 − 6)
        assertThat(ema.update(0.25, 10)).isEqualTo(7.0);
    }

    @Test
    void rejectsAlphaOutsideTheUnitInterval() {
        assertThat(Ema.checkAlpha(1.0)).isEqualTo(1.0);
        assertThatThrownBy(() -> Ema.checkAlpha(0)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> Ema.checkAlpha(1.5)).hasMessageContaining("(0, 1]");
    }
}
