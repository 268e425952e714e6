package dev.trainyard.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Talks to the simulator process's control endpoints: scripted faults, behaviour, stats. */
final class Simulator {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Simulator() {}

    static void scriptFaults(String... faults) {
        StringBuilder body = new StringBuilder("{\"faults\":[");
        for (int i = 0; i < faults.length; i++) {
            body.append(i == 0 ? "" : ",").append('"').append(faults[i]).append('"');
        }
        send("POST", "/simulator/faults", body.append("]}").toString());
    }

    static void reset() {
        send("DELETE", "/simulator/faults", null);
        send("DELETE", "/simulator/stats", null);
    }

    static JsonNode stats() {
        try {
            return JSON.readTree(send("GET", "/simulator/stats", null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void behaviour(String json) {
        send("PUT", "/simulator/behaviour", json);
    }

    private static String send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SimulatorProcessResource.baseUrl() + path))
                .header("content-type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
