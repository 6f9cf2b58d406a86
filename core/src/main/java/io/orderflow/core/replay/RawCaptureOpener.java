package io.orderflow.core.replay;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens the job's {@code raw} kind (Parquet) as a recording. Core reads no Parquet: the job module
 * provides the one implementation as a {@link java.util.ServiceLoader} service.
 */
public interface RawCaptureOpener {

    /** A reader of a {@code kind=raw} Parquet file, or of such files below a directory, at the first message. */
    MessageReader open(Path fileOrDirectory) throws IOException;
}
