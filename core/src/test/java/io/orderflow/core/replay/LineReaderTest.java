package io.orderflow.core.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void splitsOnNewlinesDropsCarriageReturnsAndKeepsALastLineWithoutNewline() throws IOException {
        assertThat(lines("a b\r\n\nccc\nlast", 64)).containsExactly("a b", "", "ccc", "last");
    }

    @Test
    void aFinalNewlineEndsTheLastLineWithoutAddingAnEmptyOne() throws IOException {
        assertThat(lines("one\ntwo\n", 64)).containsExactly("one", "two");
        assertThat(lines("", 64)).isEmpty();
    }

    @Test
    void linesLongerThanTheBufferAndLinesAcrossRefillsAreWhole() throws IOException {
        String longLine = "x".repeat(100);
        assertThat(lines("ab\n" + longLine + "\ncd\nef", 4)).containsExactly("ab", longLine, "cd", "ef");
    }

    @Test
    void readsWhateverChunksTheStreamHandsOut() throws IOException {
        byte[] bytes = "12 {\"a\":1}\n34 {\"b\":2}\n".getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3)); // a gzip stream may return short reads
            }
        };
        List<String> lines = new ArrayList<>();
        try (LineReader reader = new LineReader(trickle, 8)) {
            while (reader.next()) {
                lines.add(reader.text(reader.start(), reader.end()));
            }
        }
        assertThat(lines).containsExactly("12 {\"a\":1}", "34 {\"b\":2}");
    }

    @Test
    void textDecodesUtf8AndHelpersSeeOnlyTheCurrentLine() throws IOException {
        try (LineReader reader = new LineReader(
                new ByteArrayInputStream("  \nk é\nz".getBytes(StandardCharsets.UTF_8)), 64)) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.isBlank()).isTrue();
            assertThat(reader.next()).isTrue();
            assertThat(reader.isBlank()).isFalse();
            assertThat(reader.indexOf((byte) ' ', reader.start())).isEqualTo(reader.start() + 1);
            assertThat(reader.indexOf((byte) 'z', reader.start())).isEqualTo(-1);
            assertThat(reader.text(reader.start() + 2, reader.end())).isEqualTo("é");
        }
    }

    private static List<String> lines(String text, int bufferSize) throws IOException {
        List<String> lines = new ArrayList<>();
        try (LineReader reader = new LineReader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), bufferSize)) {
            while (reader.next()) {
                lines.add(reader.text(reader.start(), reader.end()));
            }
        }
        return lines;
    }
}
