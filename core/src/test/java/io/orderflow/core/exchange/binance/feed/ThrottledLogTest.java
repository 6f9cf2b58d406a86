package io.orderflow.core.exchange.binance.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledLogTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void oneLinePerWindowWithTheCountHeldBack() {
        ThrottledLog log = new ThrottledLog(LoggerFactory.getLogger(ThrottledLogTest.class), Duration.ofSeconds(10));

        assertThat(log.permit(0)).isZero();
        assertThat(log.permit(SECOND)).isEqualTo(-1);
        assertThat(log.permit(9 * SECOND)).isEqualTo(-1);
        assertThat(log.permit(10 * SECOND)).isEqualTo(2);
        assertThat(log.permit(15 * SECOND)).isEqualTo(-1);
        assertThat(log.permit(21 * SECOND)).isEqualTo(1);
    }
}
