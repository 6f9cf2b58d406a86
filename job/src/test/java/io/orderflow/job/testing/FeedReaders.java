package io.orderflow.job.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.orderflow.core.model.MarketEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Drives source readers directly in tests, as a source task would. */
public final class FeedReaders {

    private FeedReaders() {}

    /** Polls an unpaced reader to the end; it must never claim to have nothing. */
    public static void drain(SourceReader<MarketEvent, ?> reader, TestingReaderOutput<MarketEvent> output) {
        for (int poll = 0; poll < 100_000; poll++) {
            InputStatus status = poll(reader, output);
            if (status == InputStatus.END_OF_INPUT) {
                return;
            }
            assertThat(status).isEqualTo(InputStatus.MORE_AVAILABLE);
        }
        fail("reader did not end");
    }

    private static InputStatus poll(SourceReader<MarketEvent, ?> reader, TestingReaderOutput<MarketEvent> output) {
        try {
            return reader.pollNext(output);
        } catch (Exception e) {
            throw new AssertionError("the reader failed", e);
        }
    }

    /** The splits as a restore would see them: serialized and read back. */
    public static <S> List<S> throughSerializer(SimpleVersionedSerializer<S> serializer, List<S> splits)
            throws IOException {
        List<S> copies = new ArrayList<>();
        for (S split : splits) {
            copies.add(serializer.deserialize(serializer.getVersion(), serializer.serialize(split)));
        }
        return copies;
    }
}
