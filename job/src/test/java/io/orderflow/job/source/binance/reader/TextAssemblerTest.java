package io.orderflow.job.source.binance.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.exchange.binance.MalformedMessageException;
import org.junit.jupiter.api.Test;

class TextAssemblerTest {

    @Test
    void aWholeMessagePassesStraightThrough() throws MalformedMessageException {
        assertThat(new TextAssembler().append("{\"a\":1}", true)).isEqualTo("{\"a\":1}");
    }

    @Test
    void partsAreJoinedWhenTheLastArrives() throws MalformedMessageException {
        TextAssembler assembler = new TextAssembler();

        assertThat(assembler.append("{\"stream\":", false)).isNull();
        assertThat(assembler.append("\"x\",", false)).isNull();
        assertThat(assembler.append("\"data\":{}}", true)).isEqualTo("{\"stream\":\"x\",\"data\":{}}");
        assertThat(assembler.append("next", true)).isEqualTo("next");
    }

    @Test
    void anOversizedMessageIsDroppedWholeAndTheNextOneIsFine() throws MalformedMessageException {
        TextAssembler assembler = new TextAssembler(10);

        assertThat(assembler.append("12345678", false)).isNull();
        assertThatThrownBy(() -> assembler.append("90123", false))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("longer than 10");
        assertThat(assembler.append("more", false)).isNull();
        assertThat(assembler.append("end", true)).isNull();
        assertThat(assembler.append("ok", true)).isEqualTo("ok");
    }
}
