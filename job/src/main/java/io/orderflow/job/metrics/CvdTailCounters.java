package io.orderflow.job.metrics;

import io.orderflow.core.model.CvdRow;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;

/**
 * Counts {@code cvd} rows, and those whose {@code |z_cvd|} exceeds 2 and 3, per symbol and regime, and
 * passes each row on unchanged. Prometheus divides the rates into p(|Z|>2) and p(|Z|>3), and the row
 * rate by regime is the receive rate of active, normal and quiet spells (one row per trade). Kept
 * beside the CVD function rather than inside it, so the estimator stays free of monitoring.
 */
public final class CvdTailCounters extends RichMapFunction<CvdRow, CvdRow> {

    public static final String ROWS = "cvd_rows_total";
    public static final String Z_ABOVE_2 = "cvd_z_abs_gt2_total";
    public static final String Z_ABOVE_3 = "cvd_z_abs_gt3_total";

    private transient MetricGroup group;
    /** symbol → regime → counters: two look-ups per row, a registration per new pair. */
    private transient Map<String, Map<String, Tails>> tails;

    @Override
    public void open(OpenContext openContext) {
        group = getRuntimeContext().getMetricGroup();
        tails = new HashMap<>();
    }

    @Override
    public CvdRow map(CvdRow row) {
        Map<String, Tails> bySymbol = tails.computeIfAbsent(row.symbol(), symbol -> new HashMap<>());
        Tails counters = bySymbol.get(row.regime());
        if (counters == null) {
            counters = new Tails(group.addGroup("symbol", row.symbol()).addGroup("regime", String.valueOf(row.regime())));
            bySymbol.put(row.regime(), counters);
        }
        counters.count(row.zCvd());
        return row;
    }

    static final class Tails {
        final Counter rows;
        final Counter above2;
        final Counter above3;

        Tails(MetricGroup group) {
            rows = group.counter(ROWS, new SimpleCounter());
            above2 = group.counter(Z_ABOVE_2, new SimpleCounter());
            above3 = group.counter(Z_ABOVE_3, new SimpleCounter());
        }

        void count(double z) {
            rows.inc();
            double magnitude = Math.abs(z);
            if (magnitude > 2) {
                above2.inc();
                if (magnitude > 3) {
                    above3.inc();
                }
            }
        }
    }
}
