package io.orderflow.tools.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.model.PriceRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleBoardTest {

    @Test
    void expectedSymbolsWaitThenEverySymbolSeenGetsItsLine() throws Exception {
        assertThat(ConsoleBoard.render(List.of("AAAUSDT"))).isEqualTo("AAAUSDT    waiting for data\n");

        long t = 1_723_161_255_000L; // 2024-08-08T23:54:15Z
        ConsoleBoard.ofiTap().createWriter(null)
                .write(new OfiRow(t, "ZZZUSDT", 1.5, -0.25, 1.0, "normal", 0.75, true, false, 61737.4,
                        61737.6, 1.5), null);
        ConsoleBoard.cvdTap().createWriter(null)
                .write(new CvdRow(t, "ZZZUSDT", 7, -4.5, -0.5, -1.0, -1.0, 0.5, 0, false, "active"), null);
        ConsoleBoard.pricesTap().createWriter(null)
                .write(new PriceRow(t, t, "ZZZUSDT", 61737.5, 0.5, 7, 3, 12.5), null);

        assertThat(ConsoleBoard.render(List.of("AAAUSDT"))).isEqualTo("AAAUSDT    waiting for data\n"
                + "23:54:15 ZZZUSDT    px   61737.5000 | OFI    +1.5000 z  -0.25 ema   +0.7500"
                + " | CVD      -4.5000 z  -1.00 |   12.5 tps active warmup\n");
    }
}
