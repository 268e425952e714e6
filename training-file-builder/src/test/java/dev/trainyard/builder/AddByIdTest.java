package dev.trainyard.builder;

import static dev.trainyard.builder.Api.asTenantA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.trainyard.builder.service.AppendResult;
import dev.trainyard.builder.service.IncomingConversation;
import dev.trainyard.builder.service.TrainingFileAppender;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding conversations by id through batch-api, and exactly-once under concurrent appends. */
@QuarkusTest
class AddByIdTest {

    @Inject
    TrainingFileAppender appender;

    @TempDir
    Path downloads;

    @Test
    void addingMoreThan80IdsAppendsEachOnceAcrossChunks() throws Exception {
        // Given 250 conversations stored in batch-api and an empty file
        List<UUID> ids = storeConversations(250);
        UUID fileId = Api.createFile("by-id", "openai_chat");

        // When they are added, then added again through the seed's route with some new ones
        asTenantA()
                .contentType(ContentType.JSON)
                .body(Map.of("conversationIds", ids))
                .post("/api/training-files/" + fileId + "/conversations")
                .then()
                .statusCode(200)
                .body("added.appended", equalTo(250))
                .body("file.lineCount", equalTo(250));
        List<UUID> again = new ArrayList<>(ids.subList(0, 100));
        again.addAll(storeConversations(5));
        asTenantA()
                .contentType(ContentType.JSON)
                .body(Map.of("conversation_ids", again))
                .post("/api/training-files/" + fileId + "/add-conversations")
                .then()
                .statusCode(200)
                .body("added.appended", equalTo(5))
                .body("added.duplicates", equalTo(100));

        // Then the file holds 255 valid lines
        assertThat(Api.lineCount(fileId)).isEqualTo(255);
        FormatsAndExportTest.assertValid(Api.download(fileId, "", downloads), 255);
    }

    @Test
    void aRunningAddShowsItsProgressOnTheFile() throws Exception {
        // Given 300 stored conversations whose last 100 batch-api serves slowly, and a file
        List<UUID> ids = storeConversations(300);
        ids.subList(200, 300).forEach(id -> FakeBatchApi.slowDown(id, 150));
        UUID fileId = Api.createFile("progress", "openai_chat");

        // When they are added (chunks of 200 in tests)
        CompletableFuture<Integer> add = CompletableFuture.supplyAsync(() -> asTenantA()
                .contentType(ContentType.JSON)
                .body(Map.of("conversationIds", ids))
                .post("/api/training-files/" + fileId + "/conversations")
                .then()
                .statusCode(200)
                .extract()
                .path("added.appended"));

        // Then, while the second chunk is fetched, the file shows the first chunk done
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Integer.valueOf(200)
                        .equals(asTenantA()
                                .get("/api/training-files/" + fileId)
                                .then()
                                .extract()
                                .path("runningImports[0].idsProcessed")));
        assertThat(Api.lineCount(fileId)).isEqualTo(200);

        // And once the add ends, no import is shown and all 300 are in
        assertThat(add.get(60, TimeUnit.SECONDS)).isEqualTo(300);
        asTenantA()
                .get("/api/training-files/" + fileId)
                .then()
                .body("lineCount", equalTo(300))
                .body("runningImports", org.hamcrest.Matchers.empty());
    }

    @Test
    void createWithIdsAppendsThemAndRecordsUnknownOnes() {
        List<UUID> ids = storeConversations(3);
        UUID unknown = UUID.randomUUID();
        UUID failed = UUID.randomUUID();
        FakeBatchApi.storeFailed(failed);
        List<UUID> all = new ArrayList<>(ids);
        all.add(unknown);
        all.add(failed);

        String body = "{\"name\":\"created-with-ids\",\"format\":\"anthropic_messages\",\"conversationIds\":"
                + all.stream().map(id -> "\"" + id + "\"").toList() + "}";
        String fileId = asTenantA()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/training-files")
                .then()
                .statusCode(201)
                .body("lineCount", equalTo(3))
                .body("format", equalTo("anthropic_messages"))
                .body("added.appended", equalTo(3))
                .body("added.rejected", equalTo(2))
                .body("rejectedCount", equalTo(2))
                .extract()
                .path("id");

        List<String> reasons = asTenantA()
                .get("/api/training-files/" + fileId + "/rejections")
                .then()
                .statusCode(200)
                .extract()
                .path("reason");
        assertThat(reasons)
                .containsExactlyInAnyOrder(
                        "conversation not found in batch-api",
                        "conversation has no content in batch-api (status failed)");
    }

    @Test
    void idsBeforeTheMetadataAreStillAppended() {
        List<UUID> ids = storeConversations(2);
        String body = "{\"conversationIds\":"
                + ids.stream().map(id -> "\"" + id + "\"").toList() + ",\"name\":\"ids-first\"}";

        asTenantA()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/training-files")
                .then()
                .statusCode(201)
                .body("name", equalTo("ids-first"))
                .body("lineCount", equalTo(2));
    }

    @Test
    void aBadIdIsA400NamingItsPosition() {
        UUID fileId = Api.createFile("bad-id", "openai_chat");
        asTenantA()
                .contentType(ContentType.JSON)
                .body("{\"conversationIds\":[\"" + UUID.randomUUID() + "\",\"nope\"]}")
                .post("/api/training-files/" + fileId + "/conversations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("conversationIds[1]"));
        asTenantA()
                .contentType(ContentType.JSON)
                .body("{\"ids\":[]}")
                .post("/api/training-files/" + fileId + "/conversations")
                .then()
                .statusCode(400)
                .body("field", equalTo("ids"));
        asTenantA()
                .contentType(ContentType.JSON)
                .body("{\"conversationIds\":[]}")
                .post("/api/training-files/" + UUID.randomUUID() + "/conversations")
                .then()
                .statusCode(404);
    }

    @Test
    void concurrentAppendsOfTheSameConversationsWriteEachOnce() throws Exception {
        // Given one file and 20 conversations
        UUID fileId = Api.createFile("race", "openai_chat");
        List<IncomingConversation> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID id = UUID.randomUUID();
            batch.add(new IncomingConversation(id, TestConversations.conversation(id.toString(), 1)));
        }

        // When six appenders deliver the same batch at the same time (redeliveries racing each other)
        List<Uni<AppendResult>> racing = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            racing.add(appender.append(fileId, batch));
        }
        List<AppendResult> results =
                Uni.join().all(racing).andFailFast().await().atMost(Duration.ofSeconds(60));

        // Then exactly one wrote the 20, the others found them all present
        assertThat(results)
                .extracting(AppendResult::appended)
                .containsOnly(0, 20)
                .containsOnlyOnce(20);
        assertThat(Api.lineCount(fileId)).isEqualTo(20);
        Path jsonl = Api.download(fileId, "", downloads);
        FormatsAndExportTest.assertValid(jsonl, 20);
        assertThat(Files.readAllLines(jsonl)).doesNotHaveDuplicates();
    }

    private static List<UUID> storeConversations(int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            FakeBatchApi.store(id, TestConversations.conversation(id.toString(), 2));
            ids.add(id);
        }
        return ids;
    }
}
