package dev.trainyard.builder;

import dev.trainyard.model.EventJson;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for batch-api's {@code GET /api/conversations/{id}} over real HTTP (batch-api is another module
 * built at the same time). It answers what tests stored, 404 for unknown ids, 401 without the builder's key.
 */
public class FakeBatchApi implements QuarkusTestResourceLifecycleManager {

    static final String BUILDER_KEY = "builder-test-key";
    private static final Map<UUID, String> CONVERSATIONS = new ConcurrentHashMap<>();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final Map<UUID, Long> DELAYS_MS = new ConcurrentHashMap<>();
    private Vertx vertx;

    /** Stores a conversation as batch-api would show it (the stored ConversationGenerated fields). */
    public static void store(UUID id, dev.trainyard.model.Conversation conversation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("batchId", UUID.randomUUID());
        body.put("status", "completed");
        body.put("conversation", conversation);
        body.put("persona", "curious traveller");
        body.put("topic", "opening hours");
        body.put("model", "claude-sonnet-4-5");
        body.put("usage", Map.of("inputTokens", 100, "outputTokens", 200));
        body.put("stopReason", "end_turn");
        try {
            CONVERSATIONS.put(id, EventJson.mapper().writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores a generation that failed, as batch-api shows it: a status, a reason, no conversation. */
    public static void storeFailed(UUID id) {
        CONVERSATIONS.put(id, "{\"id\":\"" + id + "\",\"status\":\"failed\",\"failureReason\":\"truncated\"}");
    }

    /** Makes batch-api answer for this id only after a delay, like a slow lookup. */
    public static void slowDown(UUID id, long delayMs) {
        DELAYS_MS.put(id, delayMs);
    }

    public static int requests() {
        return REQUESTS.get();
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            REQUESTS.incrementAndGet();
            String path = request.path();
            if (!("Bearer " + BUILDER_KEY).equals(request.getHeader("Authorization"))) {
                request.response().setStatusCode(401).end();
                return;
            }
            String prefix = "/api/conversations/";
            String json = path.startsWith(prefix) ? lookup(path.substring(prefix.length())) : null;
            if (json == null) {
                request.response()
                        .setStatusCode(404)
                        .putHeader("content-type", "application/problem+json")
                        .end("{\"status\":404,\"title\":\"Not Found\"}");
                return;
            }
            long delay = DELAYS_MS.getOrDefault(UUID.fromString(path.substring(prefix.length())), 0L);
            if (delay > 0) {
                vertx.setTimer(
                        delay,
                        timer -> request.response()
                                .putHeader("content-type", "application/json")
                                .end(json));
                return;
            }
            request.response().putHeader("content-type", "application/json").end(json);
        });
        try {
            server.listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the batch-api stand-in", e);
        }
        return Map.of(
                "quarkus.rest-client.batch-api.url",
                "http://127.0.0.1:" + server.actualPort(),
                "trainyard.batch-api.key",
                BUILDER_KEY);
    }

    private static String lookup(String id) {
        try {
            return CONVERSATIONS.get(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
