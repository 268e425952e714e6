package dev.trainyard.builder.store;

import java.io.InputStream;
import java.util.UUID;

/**
 * Where the bytes of training files live. The database says how many bytes of each file are committed;
 * storage never decides that. Every method blocks: call it from a worker thread, never an event loop.
 * Implementations: a local directory now; object storage in immutable segments could follow the same
 * contract (append = write a new segment, read = concatenate segments up to the committed length).
 */
public interface TrainingFileStorage {

    /** Creates the empty file; harmless when it already exists. */
    void create(UUID fileId);

    /**
     * Makes the file exactly {@code committedLength} bytes long (cutting any torn tail left by a crash), writes
     * {@code data} after it and forces it to disk before returning. Costs what is written, never the file's size.
     *
     * @return the new length, {@code committedLength + data.length}
     * @throws StorageFailure when the bytes may not be durable (a failed fsync is fatal, never retried)
     */
    long append(UUID fileId, long committedLength, byte[] data);

    /** A stream of {@code length} bytes from {@code offset}; the caller closes it. */
    InputStream read(UUID fileId, long offset, long length);

    /** Current length on storage, committed or not (for diagnostics and crash tests). */
    long storedLength(UUID fileId);
}
