package io.orderflow.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A tiny run of the fan-out bench: what it reports, not how fast (times are figures). */
class FanOutBenchTest {

    @Test
    void everyMeasuredRowReachesEveryClientAndTheFiguresAreProduced() throws Exception {
        FanOutBench.Figures figures = FanOutBench.run(2, 1_000, 100, 300);

        assertThat(figures.clients()).isEqualTo(2);
        assertThat(figures.rowsSent()).isEqualTo(300);
        assertThat(figures.rowsReceived()).isEqualTo(600);
        assertThat(figures.rowsLost()).isZero();
        assertThat(figures.p50Micros()).isPositive();
        assertThat(figures.p99Micros()).isGreaterThanOrEqualTo(figures.p50Micros());
        assertThat(figures.maxMicros()).isGreaterThanOrEqualTo(figures.p99Micros());
        assertThat(figures.rowsOutPerSecond()).isGreaterThan(figures.rowsInPerSecond()).isPositive();
    }

    @Test
    void rowsTakeTheDemosStreamsInTurnWithTheirSendTime() {
        StringBuilder rows = new StringBuilder();
        FanOutBench.appendRow(rows, 15, 1_722_124_800_000L, 42);

        assertThat(FanOutBench.STREAMS).hasSize(14).startsWith("btcusdt@trade", "btcusdt@ofi").endsWith("ethusdt@kline_1h");
        assertThat(rows.toString()).isEqualTo("{\"stream\":\"btcusdt@ofi\",\"seq\":2,\"data\":{\"ts_ms\":1722124800000,"
                + "\"sent_ns\":42,\"symbol\":\"BTCUSDT\",\"price\":60002.4,\"qty\":0.044,\"agg_trade_id\":1055396311,"
                + "\"latency_ms\":1,\"recv_rate_tps\":4.9934659860398884}}");
    }
}
