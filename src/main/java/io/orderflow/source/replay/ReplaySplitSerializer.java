package io.orderflow.source.replay;

import io.orderflow.replay.Recording;
import io.orderflow.source.split.SingleVersionSerializer;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serialises a {@link ReplaySplit} for checkpoints (reader state). */
public final class ReplaySplitSerializer extends SingleVersionSerializer<ReplaySplit> {

    public static final ReplaySplitSerializer INSTANCE = new ReplaySplitSerializer();

    private ReplaySplitSerializer() {
        super(1);
    }

    @Override
    protected void write(ReplaySplit split, DataOutputView out) throws IOException {
        Recording recording = split.recording();
        out.writeUTF(recording.format().name());
        out.writeUTF(recording.path());
        out.writeBoolean(recording.httpPath() != null);
        if (recording.httpPath() != null) {
            out.writeUTF(recording.httpPath());
        }
        out.writeLong(split.eventsEmitted());
    }

    @Override
    protected ReplaySplit read(DataInputView in) throws IOException {
        Recording.Format format = Recording.Format.valueOf(in.readUTF());
        String path = in.readUTF();
        String httpPath = in.readBoolean() ? in.readUTF() : null;
        return new ReplaySplit(new Recording(format, path, httpPath), in.readLong());
    }
}
