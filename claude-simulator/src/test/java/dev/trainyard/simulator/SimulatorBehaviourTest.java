package dev.trainyard.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SimulatorBehaviourTest {

    private static final String PROMPT = "Persona: a student\\nTopic: chess\\nExchanges: 2\\n";

    @AfterEach
    void restoreDefaults() {
        behaviour("{\"latencyMs\":20,\"rpm\":0,\"itpm\":0,\"otpm\":0,\"overloadedRate\":0,"
                + "\"budgetExhausted\":false,\"latencySigma\":0}");
        given().delete("/simulator/faults").then().statusCode(204);
        given().delete("/simulator/stats").then().statusCode(204);
    }

    @Test
    void enforcesRequestsPerMinuteWith429RetryAfterAndRateLimitHeaders() {
        // Given a limit of 3 requests per minute
        behaviour("{\"rpm\":3}");

        // When 4 requests arrive at once
        for (int i = 0; i < 3; i++) {
            send(1000)
                    .then()
                    .statusCode(200)
                    .header("anthropic-ratelimit-requests-limit", "3")
                    .header("anthropic-ratelimit-requests-remaining", String.valueOf(2 - i))
                    .header("anthropic-ratelimit-requests-reset", notNullValue());
        }
        Response throttled = send(1000);

        // Then the fourth gets the real 429: rate_limit_error, retry-after and remaining 0
        throttled
                .then()
                .statusCode(429)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("rate_limit_error"))
                .header("anthropic-ratelimit-requests-remaining", "0");
        assertThat(Integer.parseInt(throttled.header("retry-after"))).isBetween(1, 20);
        // And the stats count what was served
        given().get("/simulator/stats")
                .then()
                .body("requests", equalTo(4))
                .body("ok", equalTo(3))
                .body("throttled", equalTo(1))
                .body("peakRequestsPer60s", equalTo(3));
    }

    @Test
    void enforcesOutputTokensPerMinuteAgainstMaxTokensAtAdmission() {
        // Given an output limit smaller than two requests' max_tokens
        behaviour("{\"otpm\":1500}");

        // When two requests each reserve 1000 output tokens
        send(1000).then().statusCode(200).header("anthropic-ratelimit-output-tokens-limit", "1500");

        // Then the unused part was given back, so a small second request still fits; a large one does not
        send(200).then().statusCode(200);
        send(1500).then().statusCode(429).header("retry-after", notNullValue());
    }

    @Test
    void aSpentBudgetAnswers429WithoutRetryAfter() {
        behaviour("{\"budgetExhausted\":true}");

        send(100)
                .then()
                .statusCode(429)
                .body("error.type", equalTo("rate_limit_error"))
                .header("retry-after", nullValue());
    }

    @Test
    void scriptedFaultsHitTheNextRequestsInOrderThenNormalServiceResumes() {
        // Given a script of faults
        given().contentType("application/json")
                .body("{\"faults\":[\"overloaded\",\"server_error\",\"too_large\",\"refusal\",\"truncation\","
                        + "\"context_window\"]}")
                .post("/simulator/faults")
                .then()
                .statusCode(200);

        // Then each request gets its fault with the real API's status and shape
        send(2000).then().statusCode(529).body("error.type", equalTo("overloaded_error"));
        send(2000).then().statusCode(500).body("error.type", equalTo("api_error"));
        send(2000).then().statusCode(413).body("error.type", equalTo("request_too_large"));
        send(2000).then().statusCode(200).body("stop_reason", equalTo("refusal"));
        send(2000).then().statusCode(200).body("stop_reason", equalTo("max_tokens"));
        send(2000).then().statusCode(200).body("stop_reason", equalTo("model_context_window_exceeded"));
        send(2000).then().statusCode(200).body("stop_reason", equalTo("end_turn"));
    }

    @Test
    void injectsOverloadAtTheConfiguredRate() {
        behaviour("{\"overloadedRate\":1.0}");

        send(100).then().statusCode(529);
        send(100).then().statusCode(529);
    }

    @Test
    void answersAfterTheConfiguredLatency() {
        behaviour("{\"latencyMs\":400}");

        long started = System.nanoTime();
        send(2000).then().statusCode(200);

        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(400);
    }

    @Test
    void aMarkedSystemPrefixIsWrittenToTheCacheOnceThenRead() {
        // Given a long system prompt (about 1500 tokens) marked for caching, unique to this test
        String system = ("Guideline " + System.nanoTime() + ": keep every turn natural and specific. ").repeat(110);
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":2000,\"system\":[{\"type\":\"text\",\"text\":\""
                + system + "\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";

        // When it is sent twice
        Response first = sendBody(body);
        Response second = sendBody(body);

        // Then the first writes the prefix, the second reads it, and input tokens exclude the prefix
        long prefix = first.jsonPath().getLong("usage.cache_creation_input_tokens");
        assertThat(prefix).isGreaterThan(1024);
        assertThat(first.jsonPath().getLong("usage.cache_read_input_tokens")).isZero();
        assertThat(second.jsonPath().getLong("usage.cache_read_input_tokens")).isEqualTo(prefix);
        assertThat(second.jsonPath().getLong("usage.cache_creation_input_tokens"))
                .isZero();
        assertThat(second.jsonPath().getLong("usage.input_tokens")).isLessThan(100);
    }

    @Test
    void aShortMarkedPrefixIsNotCached() {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":2000,\"system\":[{\"type\":\"text\",\"text\":\""
                + "Be brief.\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";

        sendBody(body);
        Response again = sendBody(body);

        assertThat(again.jsonPath().getLong("usage.cache_read_input_tokens")).isZero();
        assertThat(again.jsonPath().getLong("usage.cache_creation_input_tokens"))
                .isZero();
    }

    @Test
    void rejectsAnUnknownBehaviourField() {
        given().contentType("application/json")
                .body("{\"nonsense\":1}")
                .put("/simulator/behaviour")
                .then()
                .statusCode(400);
    }

    private static void behaviour(String json) {
        given().contentType("application/json")
                .body(json)
                .put("/simulator/behaviour")
                .then()
                .statusCode(200);
    }

    private static Response sendBody(String body) {
        Response response = given().header("x-api-key", "simulator-key")
                .header("anthropic-version", "2023-06-01")
                .contentType("application/json")
                .body(body)
                .post("/v1/messages");
        response.then().statusCode(200);
        return response;
    }

    private static Response send(int maxTokens) {
        return given().header("x-api-key", "simulator-key")
                .header("anthropic-version", "2023-06-01")
                .contentType("application/json")
                .body("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":" + maxTokens
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}")
                .post("/v1/messages");
    }
}
