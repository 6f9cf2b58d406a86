package io.orderflow.core.replay;

import java.io.Closeable;
import java.io.IOException;

/** Reads a recording's messages in file order. */
public interface MessageReader extends Closeable {

    /** The next message, or null at the end of the recording. */
    RecordedMessage next() throws IOException;
}
