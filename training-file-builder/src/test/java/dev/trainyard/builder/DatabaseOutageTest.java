package dev.trainyard.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trainyard.testsupport.EmbeddedPostgresDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The consumer outlives a PostgreSQL outage. Before, five retries (about 15 s) ran out while the database was
 * away, the channel failed and the builder consumed nothing more until it was restarted.
 */
@QuarkusTest
class DatabaseOutageTest {

    /** Longer than the old retries could wait, shorter than the channel's allowance for an unprocessed record. */
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void conversationsArrivingWhileTheDatabaseIsDownAreAppendedOnceItIsBack() throws Exception {
        // Given a training file
        UUID fileId = Api.createFile("outage", "openai_chat");

        // When the database goes away and a conversation for the file arrives meanwhile
        try (EmbeddedPostgresDatabase.Outage outage = EmbeddedPostgresDatabase.outage(databaseName())) {
            Kafka.send(TestConversations.generated(fileId, UUID.randomUUID()));
            Thread.sleep(OUTAGE.toMillis());
        }

        // Then once it is back the waiting conversation is appended
        await().atMost(Duration.ofSeconds(60)).until(() -> Api.lineCount(fileId) == 1);
        // And the consumer is still running: the next one is appended too
        Kafka.send(TestConversations.generated(fileId, UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.lineCount(fileId) == 2);
        // And the builder reports itself ready again
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var ready = RestAssured.get("/q/health/ready");
            assertThat(ready.statusCode()).as(ready.body().asString()).isEqualTo(200);
        });
    }

    private String databaseName() {
        return jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    }
}
