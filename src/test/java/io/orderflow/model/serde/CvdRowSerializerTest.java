package io.orderflow.model.serde;

import io.orderflow.model.CvdRow;

class CvdRowSerializerTest extends RecordSerializerTestBase<CvdRow> {

    CvdRowSerializerTest() {
        super(CvdRow.class, CvdRowSerializer.INSTANCE);
    }

    @Override
    protected CvdRow[] getTestData() {
        return new CvdRow[] {
            new CvdRow(1_723_075_200_130L, "BTCUSDT", -12.5, 0.25, 3.75, 2.5, 0.1, 0.01, true, "active"),
            new CvdRow(0L, "ETHUSDT", 0.0, -0.0, Double.NaN, -1e9, 1.0, 0.0, false, null)
        };
    }
}
