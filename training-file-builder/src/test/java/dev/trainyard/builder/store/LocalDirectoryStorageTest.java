package dev.trainyard.builder.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryStorageTest {

    @TempDir
    Path dir;

    @Test
    void appendWritesAtTheCommittedLengthAndCutsATornTail() throws Exception {
        // Given a file with one committed line and half a line after it
        LocalDirectoryStorage storage = new LocalDirectoryStorage(dir, FaultPoints.none());
        UUID id = UUID.randomUUID();
        storage.create(id);
        long committed = storage.append(id, 0, bytes("{\"a\":1}\n"));
        Files.write(storage.pathOf(id), bytes("{\"b\":"), StandardOpenOption.APPEND);

        // When the next line is appended at the committed length
        long length = storage.append(id, committed, bytes("{\"c\":\"é\"}\n"));

        // Then the torn half line is gone
        assertThat(Files.readString(storage.pathOf(id))).isEqualTo("{\"a\":1}\n{\"c\":\"é\"}\n");
        assertThat(length).isEqualTo(Files.size(storage.pathOf(id)));
    }

    @Test
    void aFileShorterThanItsCommittedLengthIsAStorageFailure() {
        LocalDirectoryStorage storage = new LocalDirectoryStorage(dir, FaultPoints.none());
        UUID id = UUID.randomUUID();
        storage.create(id);

        assertThatThrownBy(() -> storage.append(id, 100, bytes("x\n")))
                .isInstanceOf(StorageFailure.class)
                .hasMessageContaining("committed data was lost");
    }

    @Test
    void aFileRemovedAfterLinesWereCommittedIsReportedDamagedAndNotRecreated() throws Exception {
        LocalDirectoryStorage storage = new LocalDirectoryStorage(dir, FaultPoints.none());
        UUID id = UUID.randomUUID();
        long committed = storage.append(id, 0, bytes("{\"a\":1}\n"));
        Files.delete(storage.pathOf(id));

        assertThatThrownBy(() -> storage.append(id, committed, bytes("{\"b\":2}\n")))
                .isInstanceOf(TrainingFileDamaged.class)
                .hasMessageContaining("committed data was lost");
        assertThat(storage.pathOf(id)).doesNotExist();
    }

    @Test
    void aVanishedStorageDirectoryIsAFailureOfTheWholeStorageNotOfOneFile() throws Exception {
        Path storageDir = dir.resolve("volume");
        LocalDirectoryStorage storage = new LocalDirectoryStorage(storageDir, FaultPoints.none());
        UUID id = UUID.randomUUID();
        long committed = storage.append(id, 0, bytes("{\"a\":1}\n"));
        Files.delete(storage.pathOf(id));
        Files.delete(storageDir);

        assertThatThrownBy(() -> storage.append(id, committed, bytes("{\"b\":2}\n")))
                .isInstanceOf(StorageFailure.class)
                .isNotInstanceOf(TrainingFileDamaged.class)
                .hasMessageContaining("is gone");
    }

    @Test
    void readStopsAtTheRequestedLength() throws Exception {
        LocalDirectoryStorage storage = new LocalDirectoryStorage(dir, FaultPoints.none());
        UUID id = UUID.randomUUID();
        storage.append(id, 0, bytes("line one\nline two\nuncommitted"));

        try (InputStream in = storage.read(id, 9, 9)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("line two\n");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
