package io.orderflow.job.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.model.PriceRow;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.InstantiationUtil;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

class RowKindsTest {

    @Test
    void pricesSchemaIsTheContract() {
        assertThat(RowKinds.PRICES.schema()).isEqualTo(MessageTypeParser.parseMessageType("""
                message prices {
                  required int64 ts_ms (TIMESTAMP(MILLIS,true));
                  required int64 event_ts_ms (TIMESTAMP(MILLIS,true));
                  required binary symbol (STRING);
                  required double price;
                  required double qty;
                  required int64 agg_trade_id;
                  required int64 latency_ms;
                  required double recv_rate_tps;
                }"""));
    }

    @Test
    void ofiSchemaIsTheContract() {
        assertThat(RowKinds.OFI.schema()).isEqualTo(MessageTypeParser.parseMessageType("""
                message ofi {
                  required int64 ts_ms (TIMESTAMP(MILLIS,true));
                  required binary symbol (STRING);
                  required double ofi_value;
                  required double ofi_z;
                  required double scale;
                  optional binary regime (STRING);
                  required double ofi_ema;
                  required boolean warmup;
                  required boolean std_zero;
                  required double best_bid;
                  required double best_ask;
                  required double ofi_l1;
                }"""));
    }

    @Test
    void klinesSchemaIsTheContract() {
        assertThat(RowKinds.KLINES.schema()).isEqualTo(MessageTypeParser.parseMessageType("""
                message klines {
                  required int64 ts_ms (TIMESTAMP(MILLIS,true));
                  required binary symbol (STRING);
                  required binary timeframe (STRING);
                  required double open;
                  required double high;
                  required double low;
                  required double close;
                  required double volume;
                  required double quote_volume;
                  required double taker_buy_volume;
                  required int64 trade_count;
                  required double vwap;
                }"""));
    }

    @Test
    void fusionSchemaIsTheContract() {
        assertThat(RowKinds.FUSION.schema()).isEqualTo(MessageTypeParser.parseMessageType("""
                message fusion {
                  required int64 ts_ms (TIMESTAMP(MILLIS,true));
                  required binary symbol (STRING);
                  required double score;
                  required double score_z;
                  required double ofi_z;
                  required double z_cvd;
                  required int64 ofi_ts_ms (TIMESTAMP(MILLIS,true));
                  required int64 cvd_ts_ms (TIMESTAMP(MILLIS,true));
                  optional binary regime (STRING);
                  required boolean warmup;
                }"""));
    }

    @Test
    void eventsSchemaIsTheContract() {
        assertThat(RowKinds.EVENTS.schema()).isEqualTo(MessageTypeParser.parseMessageType("""
                message events {
                  required int64 ts_ms (TIMESTAMP(MILLIS,true));
                  required binary symbol (STRING);
                  required binary event_type (STRING);
                  required binary meta_json (STRING);
                }"""));
    }

    @Test
    void rawSchemaIsTheContract() {
        assertThat(RowKinds.RAW.schema()).isEqualTo(MessageTypeParser.parseMessageType("""
                message raw {
                  required int64 ts_ms (TIMESTAMP(MILLIS,true));
                  required binary symbol (STRING);
                  required binary stream (STRING);
                  required binary payload (STRING);
                }"""));
    }

    @Test
    void cvdSchemaIsTheContract() {
        assertThat(RowKinds.CVD.schema()).isEqualTo(MessageTypeParser.parseMessageType("""
                message cvd {
                  required int64 ts_ms (TIMESTAMP(MILLIS,true));
                  required binary symbol (STRING);
                  required int64 agg_trade_id;
                  required double cvd;
                  required double delta;
                  required double z_raw;
                  required double z_cvd;
                  required double scale;
                  required double sigma_floor;
                  required boolean floor_used;
                  optional binary regime (STRING);
                }"""));
    }

    @Test
    void kindsSurviveShippingToATask() throws Exception {
        ParquetRowKind<CvdRow> shipped = InstantiationUtil.clone(RowKinds.CVD);
        CvdRow row = new CvdRow(5L, "BTCUSDT", 6L, 1.5, -0.5, 2.0, 1.9, 0.25, 0.1, true, "active");

        assertThat(shipped.schema()).isEqualTo(RowKinds.CVD.schema());
        assertThat(shipped.tsMs(row)).isEqualTo(5L);
        assertThat(shipped.symbol(row)).isEqualTo("BTCUSDT");
    }

    @Test
    void writesEveryFieldInSchemaOrder() {
        RecordingConsumer out = new RecordingConsumer();

        RowKinds.PRICES.write(new PriceRow(1L, 2L, "BTCUSDT", 3.5, 4.5, 6L, 7L, 8.5), out);

        assertThat(out.calls).containsExactly(
                "start", "0:ts_ms=1", "1:event_ts_ms=2", "2:symbol=BTCUSDT", "3:price=3.5", "4:qty=4.5",
                "5:agg_trade_id=6", "6:latency_ms=7", "7:recv_rate_tps=8.5", "end");
    }

    @Test
    void aNullOptionalFieldIsLeftOut() {
        RecordingConsumer out = new RecordingConsumer();

        RowKinds.OFI.write(new OfiRow(1L, "ETHUSDT", 0.5, -1.0, 1.0, null, 0.25, true, false, 2500.25, Double.NaN,
                -3.0), out);

        // a NaN best ask (empty ask side) is a value, written as such: only a null string is left out
        assertThat(out.calls).containsExactly(
                "start", "0:ts_ms=1", "1:symbol=ETHUSDT", "2:ofi_value=0.5", "3:ofi_z=-1.0", "4:scale=1.0",
                "6:ofi_ema=0.25", "7:warmup=true", "8:std_zero=false", "9:best_bid=2500.25", "10:best_ask=NaN",
                "11:ofi_l1=-3.0", "end");
    }

    @Test
    void aNullRequiredStringFailsTheWriteNamingTheColumn() {
        OfiRow row = new OfiRow(1L, null, 0, 0, 1, null, 0, false, false, 100, 101, 0);

        assertThatThrownBy(() -> RowKinds.OFI.write(row, new RecordingConsumer()))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("'symbol'");
    }

    /** Records the field sequence a kind writes, as "index:name=value". */
    private static final class RecordingConsumer extends RecordConsumer {
        final List<String> calls = new ArrayList<>();
        private String field;

        @Override
        public void startMessage() {
            calls.add("start");
        }

        @Override
        public void endMessage() {
            calls.add("end");
        }

        @Override
        public void startField(String name, int index) {
            field = index + ":" + name + "=";
        }

        @Override
        public void endField(String name, int index) {
            field = null;
        }

        @Override
        public void startGroup() {
            throw new UnsupportedOperationException("the kinds are flat");
        }

        @Override
        public void endGroup() {
            throw new UnsupportedOperationException("the kinds are flat");
        }

        @Override
        public void addInteger(int value) {
            calls.add(field + value);
        }

        @Override
        public void addLong(long value) {
            calls.add(field + value);
        }

        @Override
        public void addBoolean(boolean value) {
            calls.add(field + value);
        }

        @Override
        public void addBinary(Binary value) {
            calls.add(field + value.toStringUsingUTF8());
        }

        @Override
        public void addFloat(float value) {
            calls.add(field + value);
        }

        @Override
        public void addDouble(double value) {
            calls.add(field + value);
        }
    }
}
