package io.orderflow.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.model.BookTop;
import io.orderflow.model.CvdRow;
import io.orderflow.model.FusionRow;
import io.orderflow.model.KlineRow;
import io.orderflow.model.MarketEvent;
import io.orderflow.model.MarketNotice;
import io.orderflow.model.OfiRow;
import io.orderflow.model.PriceRow;
import io.orderflow.model.RawFrame;
import io.orderflow.model.Trade;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every type that crosses the network or lives in state is a Flink POJO all the way down: no Kryo. */
class StateTypesTest {

    @ParameterizedTest
    @ValueSource(classes = {
        Trade.class, BookTop.class, MarketEvent.class, PriceRow.class, OfiRow.class, CvdRow.class,
        MarketNotice.class, RawFrame.class, KlineRow.class, KlineBar.class,
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
        if (info instanceof PojoTypeInfo<?> pojo) {
            for (int i = 0; i < pojo.getArity(); i++) {
                assertNoGenericType(pojo.getPojoFieldAt(i).getTypeInformation());
            }
        }
    }
}
