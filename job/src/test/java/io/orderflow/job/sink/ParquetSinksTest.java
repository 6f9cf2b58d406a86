package io.orderflow.job.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/** Argument checks and serializability; the files themselves are checked by {@link ParquetSinksIT}. */
class ParquetSinksTest {

    @Test
    void refusesABlankFingerprint() {
        assertThatThrownBy(() -> ParquetSinks.forKind(RowKinds.OFI, "/tmp/unused", " ", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fingerprint");
    }

    @Test
    void refusesExtraMetadataThatWouldOverrideTheSinksOwnKeys() {
        assertThatThrownBy(() -> ParquetSinks.forKind(
                        RowKinds.OFI, "/tmp/unused", "fp", Map.of(ParquetSinks.KIND_KEY, "prices")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParquetSinks.forKind(
                        RowKinds.OFI, "/tmp/unused", "fp", Map.of(ParquetSinks.FINGERPRINT_KEY, "other")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sinkSurvivesJavaSerializationSoFlinkCanShipIt() throws Exception {
        assertThat(InstantiationUtil.clone(
                        ParquetSinks.forKind(RowKinds.PRICES, "file:///tmp/unused", "fp", Map.of("k", "v"))))
                .isNotNull();
    }
}
