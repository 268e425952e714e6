package dev.trainyard.builder.store;

import java.util.UUID;

/**
 * One training file lost bytes its database row says were committed (deleted or truncated outside the
 * builder, or a volume restored from an older copy). Nothing is appended to it any more, since new lines after
 * a hole would make a file that looks whole; unlike a failed fsync this concerns one file, so the builder keeps
 * appending to the others.
 */
public class TrainingFileDamaged extends StorageFailure {

    private final UUID fileId;

    public TrainingFileDamaged(UUID fileId, long size, long committedLength) {
        super("training file " + fileId + " has " + size + " bytes but " + committedLength
                + " are committed: committed data was lost");
        this.fileId = fileId;
    }

    public UUID fileId() {
        return fileId;
    }
}
