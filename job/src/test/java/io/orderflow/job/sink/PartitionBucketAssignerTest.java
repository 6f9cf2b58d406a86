package io.orderflow.job.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.model.PriceRow;
import io.orderflow.job.serde.RecordTypeInfo;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.io.SimpleVersionedSerialization;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class PartitionBucketAssignerTest {

    private static final long LAST_MS_OF_AUG_8 = Instant.parse("2024-08-08T23:59:59.999Z").toEpochMilli();
    private static final long FIRST_MS_OF_AUG_9 = Instant.parse("2024-08-09T00:00:00.000Z").toEpochMilli();

    @Test
    void dateIsTheUtcDateAndChangesExactlyAtMidnight() {
        PartitionBucketAssigner<PriceRow> assigner = new PartitionBucketAssigner<>(RowKinds.PRICES);

        assertThat(assigner.getBucketId(price(LAST_MS_OF_AUG_8, "BTCUSDT"), null))
                .isEqualTo("date=2024-08-08/symbol=BTCUSDT/kind=prices");
        assertThat(assigner.getBucketId(price(FIRST_MS_OF_AUG_9, "BTCUSDT"), null))
                .isEqualTo("date=2024-08-09/symbol=BTCUSDT/kind=prices");
    }

    @Test
    void aLateRowGoesBackToItsOwnDayAfterTheSymbolMovedOn() {
        PartitionBucketAssigner<PriceRow> assigner = new PartitionBucketAssigner<>(RowKinds.PRICES);

        assigner.getBucketId(price(FIRST_MS_OF_AUG_9, "BTCUSDT"), null);

        assertThat(assigner.getBucketId(price(LAST_MS_OF_AUG_8, "BTCUSDT"), null))
                .isEqualTo("date=2024-08-08/symbol=BTCUSDT/kind=prices");
    }

    @Test
    void symbolsAreKeptApartOnTheSameDay() {
        PartitionBucketAssigner<PriceRow> assigner = new PartitionBucketAssigner<>(RowKinds.PRICES);

        assertThat(assigner.getBucketId(price(FIRST_MS_OF_AUG_9, "BTCUSDT"), null))
                .isEqualTo("date=2024-08-09/symbol=BTCUSDT/kind=prices");
        assertThat(assigner.getBucketId(price(FIRST_MS_OF_AUG_9 + 1, "ETHUSDT"), null))
                .isEqualTo("date=2024-08-09/symbol=ETHUSDT/kind=prices");
    }

    @Test
    void kindNameIsTheLastPathElement() {
        OfiRow ofi = new OfiRow(LAST_MS_OF_AUG_8, "ETHUSDT", 0, 0, 1, null, 0, true, true, 2500, 2501, 0);
        CvdRow cvd = new CvdRow(FIRST_MS_OF_AUG_9, "SOLUSDT", 1, 0, 0, 0, 0, 1, 0.1, false, "quiet");

        assertThat(new PartitionBucketAssigner<>(RowKinds.OFI).getBucketId(ofi, null))
                .isEqualTo("date=2024-08-08/symbol=ETHUSDT/kind=ofi");
        assertThat(new PartitionBucketAssigner<>(RowKinds.CVD).getBucketId(cvd, null))
                .isEqualTo("date=2024-08-09/symbol=SOLUSDT/kind=cvd");
    }

    @Test
    void epochTimesBefore1970StillGetTheirUtcDate() {
        PartitionBucketAssigner<PriceRow> assigner = new PartitionBucketAssigner<>(RowKinds.PRICES);

        assertThat(assigner.getBucketId(price(-1L, "BTCUSDT"), null))
                .isEqualTo("date=1969-12-31/symbol=BTCUSDT/kind=prices");
    }

    @Test
    void survivesShippingToATaskAndItsBucketIdsSurviveCheckpoints() throws Exception {
        PartitionBucketAssigner<PriceRow> shipped =
                InstantiationUtil.clone(new PartitionBucketAssigner<>(RowKinds.PRICES));
        String id = shipped.getBucketId(price(LAST_MS_OF_AUG_8, "BTCUSDT"), null);

        byte[] bytes = SimpleVersionedSerialization.writeVersionAndSerialize(shipped.getSerializer(), id);

        assertThat(SimpleVersionedSerialization.readVersionAndDeSerialize(shipped.getSerializer(), bytes))
                .isEqualTo("date=2024-08-08/symbol=BTCUSDT/kind=prices");
    }

    @Test
    void rowRecordsHaveTheirOwnSerializersSoNoKryoFallback() {
        assertThat(TypeInformation.of(PriceRow.class)).isInstanceOf(RecordTypeInfo.class);
        assertThat(TypeInformation.of(OfiRow.class)).isInstanceOf(RecordTypeInfo.class);
        assertThat(TypeInformation.of(CvdRow.class)).isInstanceOf(RecordTypeInfo.class);
    }

    private static PriceRow price(long tsMs, String symbol) {
        return new PriceRow(tsMs, tsMs, symbol, 1.0, 1.0, 1L, 0L, 0.0);
    }
}
