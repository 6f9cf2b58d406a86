package io.orderflow.job.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.FusionRow;
import io.orderflow.core.model.KlineRow;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.model.PriceRow;
import io.orderflow.core.model.RawFrame;
import io.orderflow.core.model.Trade;
import io.orderflow.core.signal.ActivityRegime;
import io.orderflow.core.signal.CappedBaseline;
import io.orderflow.core.signal.CoolDown;
import io.orderflow.core.signal.CvdState;
import io.orderflow.core.signal.DecayingAverage;
import io.orderflow.core.signal.DecayingRate;
import io.orderflow.core.signal.DivergenceDetector;
import io.orderflow.core.signal.Ema;
import io.orderflow.core.signal.FeedAnomalyState;
import io.orderflow.core.signal.FusionInputs;
import io.orderflow.core.signal.FusionState;
import io.orderflow.core.signal.KlineBar;
import io.orderflow.core.signal.OfiState;
import io.orderflow.core.signal.Pivot;
import io.orderflow.core.signal.PivotDivergenceState;
import io.orderflow.core.signal.RobustZScore;
import io.orderflow.core.signal.RollingMad;
import io.orderflow.core.signal.RollingStats;
import io.orderflow.core.signal.SpreadBlowoutState;
import io.orderflow.core.signal.SwingPivots;
import io.orderflow.job.serde.RecordTypeInfo;
import io.orderflow.job.serde.RecordTypes;
import org.apache.flink.api.common.typeinfo.BasicArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EnumTypeInfo;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every type that crosses the network or lives in state is a Flink POJO all the way down, or one of
 * the busiest records, with a serializer of its own: no Kryo.
 */
class StateTypesTest {

    @BeforeAll
    static void mapTheRecordsToTheirSerializers() {
        RecordTypes.configure(StreamExecutionEnvironment.getExecutionEnvironment());
    }

    @ParameterizedTest
    @ValueSource(classes = {Trade.class, BookTop.class, PriceRow.class, OfiRow.class, CvdRow.class})
    void theBusiestRecordsHaveTheirOwnSerializer(Class<?> type) {
        assertThat(TypeInformation.of(type)).isInstanceOf(RecordTypeInfo.class);
    }

    @ParameterizedTest
    @ValueSource(classes = {
        MarketEvent.class, MarketNotice.class, RawFrame.class, KlineRow.class, KlineBar.class,
        FusionRow.class, FusionState.class, FusionInputs.class,
        PivotDivergenceState.class, SwingPivots.class, DivergenceDetector.class, Pivot.class, CoolDown.class,
        CappedBaseline.class, SpreadBlowoutState.class, FeedAnomalyState.class,
        OfiState.class, CvdState.class, DecayingRate.class, RollingStats.class, Ema.class, ActivityRegime.class,
        RobustZScore.class, DecayingAverage.class, RollingMad.class
    })
    void isAPojoWithoutGenericFields(Class<?> type) {
        TypeInformation<?> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        assertNoGenericType(info);
    }

    private static void assertNoGenericType(TypeInformation<?> info) {
        assertThat(info).as(info.toString()).isNotInstanceOf(GenericTypeInfo.class);
        assertThat(info).as(info.toString()).isInstanceOfAny(PojoTypeInfo.class, RecordTypeInfo.class,
                BasicTypeInfo.class, PrimitiveArrayTypeInfo.class, BasicArrayTypeInfo.class, EnumTypeInfo.class,
                ObjectArrayTypeInfo.class);
        if (info instanceof PojoTypeInfo<?> pojo) {
            for (int i = 0; i < pojo.getArity(); i++) {
                assertNoGenericType(pojo.getPojoFieldAt(i).getTypeInformation());
            }
        }
    }
}
