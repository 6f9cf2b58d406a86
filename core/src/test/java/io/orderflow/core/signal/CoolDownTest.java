package io.orderflow.core.signal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CoolDownTest {

    @Test
    void oneEventPerCoolDownAndTheNextReportsWhatItSuppressed() {
        CoolDown coolDown = new CoolDown();
        assertThat(coolDown.tryFire(1_000, 300)).isTrue();
        assertThat(coolDown.takeSuppressed()).isZero();
        assertThat(coolDown.tryFire(1_100, 300)).isFalse();
        assertThat(coolDown.tryFire(1_299, 300)).isFalse(); // 299 ms after: still cooling down
        assertThat(coolDown.tryFire(1_300, 300)).isTrue(); // 300 ms after: fires
        assertThat(coolDown.takeSuppressed()).isEqualTo(2);
        assertThat(coolDown.tryFire(1_350, 300)).isFalse(); // measured from the last event, not the first
        assertThat(coolDown.tryFire(1_700, 300)).isTrue();
        assertThat(coolDown.takeSuppressed()).isEqualTo(1);
    }

    @Test
    void aZeroCoolDownLetsEveryTriggerThrough() {
        CoolDown coolDown = new CoolDown();
        assertThat(coolDown.tryFire(5, 0)).isTrue();
        assertThat(coolDown.tryFire(5, 0)).isTrue();
        assertThat(coolDown.takeSuppressed()).isZero();
    }
}
