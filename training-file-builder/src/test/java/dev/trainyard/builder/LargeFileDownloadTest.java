package dev.trainyard.builder;

import static dev.trainyard.builder.Api.asTenantA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.trainyard.builder.service.IncomingConversation;
import dev.trainyard.builder.service.TrainingFileAppender;
import dev.trainyard.model.Conversation;
import dev.trainyard.model.Turn;
import io.quarkus.logging.Log;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file of 100,000 lines, larger than the whole heap of this test JVM (surefire runs it with a small -Xmx),
 * downloads as JSONL and as JSON: the builder must stream it, never hold it.
 */
@QuarkusTest
class LargeFileDownloadTest {

    private static final int LINES = 100_000;
    private static final int PER_APPEND = 1000;
    private static final String FILLER = "Steam locomotives need water every few dozen kilometres. ".repeat(8);

    @Inject
    TrainingFileAppender appender;

    @TestHTTPResource("/")
    URL base;

    @TempDir
    Path downloads;

    private Path largeFile;

    @Test
    void aFileOf100000LinesLargerThanTheHeapDownloadsWhole() throws Exception {
        // Given a file of 100,000 lines, appended a thousand at a time
        UUID fileId = Api.createFile("large", "openai_chat");
        largeFile = Path.of("target/test-training-files", fileId + ".jsonl");
        for (int done = 0; done < LINES; done += PER_APPEND) {
            appender.append(fileId, conversations(PER_APPEND)).await().atMost(Duration.ofMinutes(2));
        }
        long sizeBytes = asTenantA()
                .get("/api/training-files/" + fileId)
                .then()
                .extract()
                .<Number>path("sizeBytes")
                .longValue();
        assertThat(sizeBytes).as("the file must not fit in this JVM's heap").isGreaterThan(maxHeap());
        asTenantA()
                .get("/api/training-files/" + fileId)
                .then()
                .body("lineCount", org.hamcrest.Matchers.equalTo(LINES))
                .body("warnings", hasItem(startsWith("file is larger than")))
                .body("warnings", hasItem(startsWith("file has more than")));

        // When it is downloaded as JSONL and as JSON, watching the direct memory where unsent bytes would queue
        resetPeaks();
        DirectMemoryWatch direct = DirectMemoryWatch.begin();
        Path jsonl = download(fileId, "");
        Path json = download(fileId, "?format=json");
        long directPeak = direct.end() - direct.baseline();
        Log.infof(
                "large download: %d bytes; old generation peak %d MB; heap max %d MB; direct memory growth %d MB",
                sizeBytes, oldGenPeakMb(), maxHeap() >> 20, directPeak >> 20);
        // Growth over what the broker and clients already held: bytes waiting to be sent would show here.
        assertThat(directPeak).as("direct memory holding the response").isLessThan(64L << 20);

        // Then both are whole: every line valid, and one array element per line
        assertThat(Files.size(jsonl)).isEqualTo(sizeBytes);
        FormatsAndExportTest.assertValid(jsonl, LINES);
        assertThat(countConversations(json)).isEqualTo(LINES);
    }

    /** The stored file is ~210 MB: it goes even when the test fails (downloads go with the temp dir). */
    @AfterEach
    void deleteTheLargeFile() throws Exception {
        if (largeFile != null) {
            Files.deleteIfExists(largeFile);
        }
    }

    private Path download(UUID fileId, String query) throws Exception {
        Path target = downloads.resolve(UUID.randomUUID() + ".download");
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(base.toString() + "api/training-files/" + fileId + "/download" + query))
                .header("Authorization", "Bearer " + Api.KEY_A)
                .build();
        HttpResponse<Path> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofFile(target));
        assertThat(response.statusCode()).isEqualTo(200);
        return target;
    }

    private static long countConversations(Path json) throws Exception {
        long count = 0;
        try (InputStream in = Files.newInputStream(json);
                JsonParser parser = new JsonFactory().createParser(in)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME
                        && "conversations".equals(parser.currentName())
                        && parser.getParsingContext().getParent().inRoot()) {
                    parser.nextToken();
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private static List<IncomingConversation> conversations(int count) {
        List<IncomingConversation> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            batch.add(new IncomingConversation(
                    id,
                    new Conversation(
                            "You answer questions about railways. Case " + id,
                            List.of(
                                    Turn.user("How often does a steam engine stop? " + id + " " + FILLER),
                                    Turn.assistant("It depends on the tender. " + FILLER),
                                    Turn.user("And a diesel one? " + FILLER),
                                    Turn.assistant("Far less often. " + FILLER)))));
        }
        return batch;
    }

    /** Samples the JVM's direct buffer pool every few milliseconds and keeps the highest value. */
    private static final class DirectMemoryWatch extends Thread {
        private final java.lang.management.BufferPoolMXBean pool =
                ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class).stream()
                        .filter(p -> p.getName().equals("direct"))
                        .findFirst()
                        .orElseThrow();
        private final long baseline = pool.getMemoryUsed();
        private volatile boolean running = true;
        private volatile long peak;

        long baseline() {
            return baseline;
        }

        static DirectMemoryWatch begin() {
            DirectMemoryWatch watch = new DirectMemoryWatch();
            watch.setDaemon(true);
            watch.start();
            return watch;
        }

        @Override
        public void run() {
            while (running) {
                peak = Math.max(peak, pool.getMemoryUsed());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long end() throws InterruptedException {
            running = false;
            join();
            return peak;
        }
    }

    private static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** What survived young collections at its highest: the memory a download actually held on to. */
    private static long oldGenPeakMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == MemoryType.HEAP
                                && pool.getName().contains("Old Gen"))
                        .mapToLong(pool -> pool.getPeakUsage().getUsed())
                        .sum()
                >> 20;
    }
}
