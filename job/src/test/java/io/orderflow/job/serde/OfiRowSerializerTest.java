package io.orderflow.job.serde;

import io.orderflow.core.model.OfiRow;

class OfiRowSerializerTest extends RecordSerializerTestBase<OfiRow> {

    OfiRowSerializerTest() {
        super(OfiRow.class, OfiRowSerializer.INSTANCE, 2);
    }

    @Override
    protected OfiRow[] getTestData() {
        return new OfiRow[] {
            new OfiRow(1_723_075_200_130L, "BTCUSDT", -0.75, -1.5, 1.0, "normal", -0.1, false, true, 60000.5, 60001.0,
                    -3.25),
            new OfiRow(0L, "ETHUSDT", 12.125, Double.NaN, 2.5, null, 4.0, true, false, Double.NaN, Double.NaN, -0.0)
        };
    }
}
