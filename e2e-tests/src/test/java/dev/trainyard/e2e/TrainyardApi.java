package dev.trainyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The public HTTP API of batch-api and training-file-builder, as a client with an API key uses it. */
final class TrainyardApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String batchApi;
    private final String builder;
    private final String apiKey;

    TrainyardApi(String batchApi, String builder, String apiKey) {
        this.batchApi = batchApi;
        this.builder = builder;
        this.apiKey = apiKey;
    }

    UUID createTrainingFile(String name) {
        ObjectNode body = JSON.createObjectNode()
                .put("name", name)
                .put("description", "end-to-end test")
                .put("format", "openai_chat");
        return UUID.fromString(send("POST", builder + "/api/training-files", body, 201)
                .get("id")
                .asText());
    }

    UUID submitBatch(String name, int count, UUID trainingFileId) {
        return submitBatch(name, count, trainingFileId, Map.of());
    }

    /** Submits a batch with extra request headers, such as a W3C {@code traceparent}. */
    UUID submitBatch(String name, int count, UUID trainingFileId, Map<String, String> headers) {
        ObjectNode body = JSON.createObjectNode()
                .put("name", name)
                .put("count", count)
                .put("targetTrainingFileId", trainingFileId.toString());
        ObjectNode parameters = body.putObject("parameters");
        // batch-api walks every persona x topic x arc combination in turn, and the simulator answers the
        // same prompt with the same conversation: 3 x 2 x 2 = 12 combinations keep 10 lines distinct, as
        // the independent validator demands of a training file.
        parameters.set("personas", strings(List.of("a beekeeper", "a marathon runner", "a lighthouse keeper")));
        parameters.set("topics", strings(List.of("winter preparations", "choosing shoes")));
        parameters.set("emotionalArcs", strings(List.of("worried to relieved", "curious to confident")));
        parameters.put("turns", 2);
        parameters.put("maxTokens", 1024);
        JsonNode accepted = send("POST", batchApi + "/api/batches", body, 202, headers);
        return UUID.fromString(accepted.get("id").asText());
    }

    JsonNode batch(UUID id) {
        return send("GET", batchApi + "/api/batches/" + id, null, 200);
    }

    JsonNode trainingFile(UUID id) {
        return send("GET", builder + "/api/training-files/" + id, null, 200);
    }

    Path download(UUID trainingFileId, Path target) {
        HttpRequest request = authorized(builder + "/api/training-files/" + trainingFileId + "/download")
                .GET()
                .build();
        HttpResponse<Path> response = exchange(request, HttpResponse.BodyHandlers.ofFile(target));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("download answered " + response.statusCode());
        }
        return response.body();
    }

    private JsonNode send(String method, String url, JsonNode body, int expectedStatus) {
        return send(method, url, body, expectedStatus, Map.of());
    }

    private JsonNode send(String method, String url, JsonNode body, int expectedStatus, Map<String, String> headers) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString());
        HttpRequest.Builder builder = authorized(url).header("Content-Type", "application/json");
        headers.forEach(builder::header);
        HttpRequest request = builder.method(method, publisher).build();
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ", expected "
                    + expectedStatus + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " answered no JSON: " + response.body(), e);
        }
    }

    private HttpRequest.Builder authorized(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json, application/jsonl");
    }

    private static <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request, handler);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode strings(List<String> values) {
        return JSON.valueToTree(values);
    }
}
