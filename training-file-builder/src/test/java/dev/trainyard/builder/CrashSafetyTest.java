package dev.trainyard.builder;

import static dev.trainyard.builder.Api.asTenantA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trainyard.builder.store.FaultPoints;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 in the middle of an append: another process runs the real appender on the same database and
 * storage, stops at a fault point and is killed with SIGKILL. The file must read back exactly the committed
 * lines, and the next append must cut the torn tail.
 */
@QuarkusTest
class CrashSafetyTest {

    private static final Path STORAGE = Path.of("target/test-training-files");

    @TempDir
    Path downloads;

    @ParameterizedTest
    @ValueSource(strings = {FaultPoints.MID_WRITE, FaultPoints.BEFORE_COMMIT})
    void killDuringAnAppendLeavesExactlyTheCommittedLines(String faultPoint) throws Exception {
        // Given a file with three committed conversations
        UUID fileId = Api.createFile("crash-" + faultPoint, "openai_chat");
        for (int i = 0; i < 3; i++) {
            Kafka.send(TestConversations.generated(fileId, UUID.randomUUID()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.lineCount(fileId) == 3);
        List<String> committed = Files.readAllLines(Api.download(fileId, "", downloads), StandardCharsets.UTF_8);
        long committedBytes = Files.size(STORAGE.resolve(fileId + ".jsonl"));

        // When another builder process dies by SIGKILL in the middle of appending two more
        Process child = startCrashingAppend(fileId, faultPoint);
        try {
            awaitFaultPoint(child);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        // Then storage holds a torn tail, yet the file reads back exactly the committed lines
        assertThat(Files.size(STORAGE.resolve(fileId + ".jsonl"))).isGreaterThan(committedBytes);
        assertThat(Api.lineCount(fileId)).isEqualTo(3);
        Path afterCrash = Api.download(fileId, "", downloads);
        assertThat(Files.readAllLines(afterCrash, StandardCharsets.UTF_8)).isEqualTo(committed);
        FormatsAndExportTest.assertValid(afterCrash, 3);

        // And the next append (once the dead transaction's lock is gone) cuts the tail and adds its line
        Kafka.send(TestConversations.generated(fileId, UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(60)).until(() -> Api.lineCount(fileId) == 4);
        Path stored = STORAGE.resolve(fileId + ".jsonl");
        FormatsAndExportTest.assertValid(stored, 4);
        assertThat(Files.readAllLines(stored, StandardCharsets.UTF_8).subList(0, 3))
                .isEqualTo(committed);
        assertThat(Files.size(stored))
                .isEqualTo(asTenantA()
                        .get("/api/training-files/" + fileId)
                        .then()
                        .extract()
                        .<Number>path("sizeBytes")
                        .longValue());
    }

    private static Process startCrashingAppend(UUID fileId, String faultPoint) throws Exception {
        var config = ConfigProvider.getConfig();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashingAppend.class.getName(),
                        config.getValue("quarkus.datasource.reactive.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getValue("quarkus.datasource.password", String.class),
                        STORAGE.toAbsolutePath().toString(),
                        fileId.toString(),
                        faultPoint)
                .redirectErrorStream(true)
                .start();
    }

    private static void awaitFaultPoint(Process child) throws Exception {
        CompletableFuture<String> reached = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                StringBuilder seen = new StringBuilder();
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("FAULT_POINT_REACHED")) {
                        return line;
                    }
                    seen.append(line).append('\n');
                }
                return "child ended without reaching the fault point:\n" + seen;
            } catch (Exception e) {
                return "cannot read the child's output: " + e;
            }
        });
        assertThat(reached.get(60, TimeUnit.SECONDS)).startsWith("FAULT_POINT_REACHED");
    }
}
