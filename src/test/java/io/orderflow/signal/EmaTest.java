package io.orderflow.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmaTest {

    @Test
    void startsAtTheFirstValueThenBlends() {
        Ema ema = new Ema(0.5);
        assertThat(ema.update(4)).isEqualTo(4.0);
        assertThat(ema.update(8)).isEqualTo(6.0);
        assertThat(ema.update(0)).isEqualTo(3.0);
    }

    @Test
    void alphaOneFollowsTheInput() {
        Ema ema = new Ema(1.0);
        ema.update(4);
        assertThat(ema.update(-2)).isEqualTo(-2.0);
    }

    @Test
    void rejectsAlphaOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new Ema(0)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> new Ema(1.5)).hasMessageContaining("(0, 1]");
    }
}
