package dev.trainyard.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A training file that lost committed lines takes no more, and the builder keeps appending to the others. Before,
 * one such file (its JSONL deleted outside the builder) stopped the consumer for every file of every tenant,
 * even across restarts.
 */
@QuarkusTest
class DamagedFileTest {

    @ConfigProperty(name = "trainyard.storage.dir")
    Path storageDir;

    @Test
    void aFileWhoseLinesVanishedStopsTakingLinesWhileTheOtherFilesGoOn() throws Exception {
        // Given a file with one line whose JSONL is then deleted outside the builder
        UUID damaged = Api.createFile("damaged", "openai_chat");
        Kafka.send(TestConversations.generated(damaged, UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.lineCount(damaged) == 1);
        Path jsonl = storageDir.resolve(damaged + ".jsonl");
        Files.delete(jsonl);

        // When a conversation for it arrives, and later one for another file
        Kafka.send(TestConversations.generated(damaged, UUID.randomUUID()));
        Thread.sleep(3000);
        UUID healthy = Api.createFile("healthy", "openai_chat");
        Kafka.send(TestConversations.generated(healthy, UUID.randomUUID()));

        // Then the other file gets its line, the damaged one is neither re-created nor counted on, and the
        // builder stays ready and live
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.lineCount(healthy) == 1);
        assertThat(Api.lineCount(damaged)).isEqualTo(1);
        assertThat(jsonl).doesNotExist();
        assertThat(RestAssured.get("/q/health/ready").statusCode()).isEqualTo(200);
        assertThat(RestAssured.get("/q/health/live").statusCode()).isEqualTo(200);
    }
}
