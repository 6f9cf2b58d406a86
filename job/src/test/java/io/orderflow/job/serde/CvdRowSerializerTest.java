package io.orderflow.job.serde;

import io.orderflow.core.model.CvdRow;

class CvdRowSerializerTest extends RecordSerializerTestBase<CvdRow> {

    CvdRowSerializerTest() {
        super(CvdRow.class, CvdRowSerializer.INSTANCE, 2);
    }

    @Override
    protected CvdRow[] getTestData() {
        return new CvdRow[] {
            new CvdRow(1_723_075_200_130L, "BTCUSDT", 3_141_592_653L, -12.5, 0.25, 3.75, 2.5, 0.1, 0.01, true,
                    "active"),
            new CvdRow(0L, "ETHUSDT", Long.MAX_VALUE, 0.0, -0.0, Double.NaN, -1e9, 1.0, 0.0, false, null)
        };
    }
}
