package io.orderflow.job.source.replay;

import io.orderflow.core.replay.Recording;
import io.orderflow.job.source.split.SingleVersionSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serialises a {@link ReplaySplit} for checkpoints (reader state). */
public final class ReplaySplitSerializer extends SingleVersionSerializer<ReplaySplit> {

    public static final ReplaySplitSerializer INSTANCE = new ReplaySplitSerializer();

    /** Version 1 held one recording; 2 a series of them. */
    private ReplaySplitSerializer() {
        super(2);
    }

    @Override
    protected void write(ReplaySplit split, DataOutputView out) throws IOException {
        out.writeInt(split.recordings().size());
        for (Recording recording : split.recordings()) {
            out.writeUTF(recording.format().name());
            out.writeUTF(recording.path());
            out.writeBoolean(recording.httpPath() != null);
            if (recording.httpPath() != null) {
                out.writeUTF(recording.httpPath());
            }
        }
        out.writeLong(split.eventsEmitted());
    }

    @Override
    protected ReplaySplit read(DataInputView in) throws IOException {
        int count = in.readInt();
        List<Recording> recordings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Recording.Format format = Recording.Format.valueOf(in.readUTF());
            String path = in.readUTF();
            String httpPath = in.readBoolean() ? in.readUTF() : null;
            recordings.add(new Recording(format, path, httpPath));
        }
        return new ReplaySplit(recordings, in.readLong());
    }
}
