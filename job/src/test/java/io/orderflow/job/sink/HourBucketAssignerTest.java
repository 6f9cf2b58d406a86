package io.orderflow.job.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.model.PriceRow;
import java.time.Instant;
import org.apache.flink.core.io.SimpleVersionedSerialization;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class HourBucketAssignerTest {

    private static final long LAST_MS_OF_AUG_8 = Instant.parse("2024-08-08T23:59:59.999Z").toEpochMilli();
    private static final long FIRST_MS_OF_AUG_9 = Instant.parse("2024-08-09T00:00:00.000Z").toEpochMilli();

    @Test
    void bucketIsTheUtcDateAndHourAndChangesExactlyOnTheHour() {
        HourBucketAssigner<PriceRow> assigner = new HourBucketAssigner<>(RowKinds.PRICES);

        assertThat(assigner.getBucketId(price(LAST_MS_OF_AUG_8, "BTCUSDT"), null)).isEqualTo("date=2024-08-08/hour=23");
        assertThat(assigner.getBucketId(price(FIRST_MS_OF_AUG_9, "BTCUSDT"), null)).isEqualTo("date=2024-08-09/hour=00");
        assertThat(assigner.getBucketId(price(FIRST_MS_OF_AUG_9 + 3_600_000 * 9 + 1, "BTCUSDT"), null))
                .isEqualTo("date=2024-08-09/hour=09");
    }

    @Test
    void aLateRowGoesBackToItsOwnHourAndSymbolsShareTheBucket() {
        HourBucketAssigner<PriceRow> assigner = new HourBucketAssigner<>(RowKinds.PRICES);

        assigner.getBucketId(price(FIRST_MS_OF_AUG_9, "BTCUSDT"), null);

        assertThat(assigner.getBucketId(price(LAST_MS_OF_AUG_8, "ETHUSDT"), null)).isEqualTo("date=2024-08-08/hour=23");
        assertThat(assigner.getBucketId(price(FIRST_MS_OF_AUG_9 + 1, "ETHUSDT"), null)).isEqualTo("date=2024-08-09/hour=00");
    }

    @Test
    void everyKindUsesItsOwnEventTime() {
        OfiRow ofi = new OfiRow(LAST_MS_OF_AUG_8, "ETHUSDT", 0, 0, 1, null, 0, true, true, 2500, 2501, 0);
        CvdRow cvd = new CvdRow(FIRST_MS_OF_AUG_9, "SOLUSDT", 1, 0, 0, 0, 0, 1, 0.1, false, "quiet");

        assertThat(new HourBucketAssigner<>(RowKinds.OFI).getBucketId(ofi, null)).isEqualTo("date=2024-08-08/hour=23");
        assertThat(new HourBucketAssigner<>(RowKinds.CVD).getBucketId(cvd, null)).isEqualTo("date=2024-08-09/hour=00");
    }

    @Test
    void epochTimesBefore1970StillGetTheirUtcDateAndHour() {
        HourBucketAssigner<PriceRow> assigner = new HourBucketAssigner<>(RowKinds.PRICES);

        assertThat(assigner.getBucketId(price(-1L, "BTCUSDT"), null)).isEqualTo("date=1969-12-31/hour=23");
    }

    @Test
    void survivesShippingToATaskAndItsBucketIdsSurviveCheckpoints() throws Exception {
        HourBucketAssigner<PriceRow> shipped = InstantiationUtil.clone(new HourBucketAssigner<>(RowKinds.PRICES));
        String id = shipped.getBucketId(price(LAST_MS_OF_AUG_8, "BTCUSDT"), null);

        byte[] bytes = SimpleVersionedSerialization.writeVersionAndSerialize(shipped.getSerializer(), id);

        assertThat(SimpleVersionedSerialization.readVersionAndDeSerialize(shipped.getSerializer(), bytes))
                .isEqualTo("date=2024-08-08/hour=23");
    }

    private static PriceRow price(long tsMs, String symbol) {
        return new PriceRow(tsMs, tsMs, symbol, 1, 1, 1, 0, 0);
    }
}
