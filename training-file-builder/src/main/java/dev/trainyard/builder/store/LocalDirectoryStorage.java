package dev.trainyard.builder.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/** Training files as {@code <id>.jsonl} in one directory (a Kubernetes volume in a cluster). */
public final class LocalDirectoryStorage implements TrainingFileStorage {

    private final Path dir;
    private final FaultPoints faults;

    public LocalDirectoryStorage(Path dir, FaultPoints faults) {
        this.dir = dir.toAbsolutePath();
        this.faults = faults;
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create storage directory " + this.dir, e);
        }
    }

    public Path pathOf(UUID fileId) {
        return dir.resolve(fileId + ".jsonl");
    }

    @Override
    public void create(UUID fileId) {
        try (FileChannel ignored =
                FileChannel.open(pathOf(fileId), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            // Opening with CREATE is all it takes; an existing file is left as it is.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create training file " + fileId, e);
        }
    }

    @Override
    public long append(UUID fileId, long committedLength, byte[] data) {
        // Created only by its first append: a file that vanished after lines were committed is reported, not
        // silently re-created empty.
        OpenOption[] options = committedLength == 0
                ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.WRITE}
                : new OpenOption[] {StandardOpenOption.WRITE};
        try (FileChannel channel = FileChannel.open(pathOf(fileId), options)) {
            cutTornTail(fileId, channel, committedLength);
            write(channel, committedLength, data);
            force(fileId, channel);
            return committedLength + data.length;
        } catch (NoSuchFileException e) {
            if (!Files.isDirectory(dir)) {
                throw new StorageFailure("storage directory " + dir + " is gone", e);
            }
            throw new TrainingFileDamaged(fileId, 0, committedLength);
        } catch (IOException e) {
            throw new StorageFailure("cannot append to training file " + fileId, e);
        }
    }

    /** Bytes past the committed length come from an append whose transaction never committed: drop them. */
    private static void cutTornTail(UUID fileId, FileChannel channel, long committedLength) throws IOException {
        long size = channel.size();
        if (size < committedLength) {
            throw new TrainingFileDamaged(fileId, size, committedLength);
        }
        if (size > committedLength) {
            channel.truncate(committedLength);
        }
    }

    private void write(FileChannel channel, long position, byte[] data) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        if (faults.isArmed(FaultPoints.MID_WRITE)) {
            // Stop in the middle of the bytes (possibly inside a UTF-8 sequence) as a crash would.
            buffer.limit(data.length / 2 + 1);
            writeFully(channel, buffer, position);
            faults.reach(FaultPoints.MID_WRITE);
        }
        writeFully(channel, buffer, position + buffer.position());
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    /** A failed fsync may have dropped dirty pages; retrying could report success for lost data. */
    private static void force(UUID fileId, FileChannel channel) {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new StorageFailure("fsync failed for training file " + fileId + "; not retried", e);
        }
    }

    @Override
    public InputStream read(UUID fileId, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(pathOf(fileId), StandardOpenOption.READ);
            channel.position(offset);
            return new BoundedInputStream(Channels.newInputStream(channel), length);
        } catch (NoSuchFileException e) {
            if (length == 0) {
                return InputStream.nullInputStream();
            }
            throw new StorageFailure("training file " + fileId + " is missing from storage", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read training file " + fileId, e);
        }
    }

    @Override
    public long storedLength(UUID fileId) {
        try {
            return Files.size(pathOf(fileId));
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
