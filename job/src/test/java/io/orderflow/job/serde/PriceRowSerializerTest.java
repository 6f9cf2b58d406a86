package io.orderflow.job.serde;

import io.orderflow.core.model.PriceRow;

class PriceRowSerializerTest extends RecordSerializerTestBase<PriceRow> {

    PriceRowSerializerTest() {
        super(PriceRow.class, PriceRowSerializer.INSTANCE);
    }

    @Override
    protected PriceRow[] getTestData() {
        return new PriceRow[] {
            new PriceRow(1_723_075_200_130L, 1_723_075_200_123L, "BTCUSDT", 60_123.45, 0.001, 3_500_000_123L, 7L, 12.5),
            new PriceRow(0L, 0L, "ETHUSDT", Double.MIN_VALUE, 1e12, 0L, -3L, 0.0)
        };
    }
}
