package dev.trainyard.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The official Anthropic Java SDK, pointed at the simulator, must read it exactly like the real API. */
@QuarkusTest
class AnthropicSdkCompatibilityTest {

    private static final String PROMPT =
            "Write a conversation.\nPersona: a sailor\nTopic: knots\n" + "Emotional arc: steady\nExchanges: 2\n";

    @TestHTTPResource("/")
    URL root;

    @AfterEach
    void restoreDefaults() {
        given().contentType("application/json")
                .body("{\"rpm\":0,\"budgetExhausted\":false}")
                .put("/simulator/behaviour")
                .then()
                .statusCode(200);
        given().delete("/simulator/faults").then().statusCode(204);
    }

    private AnthropicClient client(String key) {
        String base = root.toString().replaceAll("/$", "");
        return AnthropicOkHttpClient.builder()
                .apiKey(key)
                .baseUrl(base)
                .maxRetries(0)
                .build();
    }

    private static MessageCreateParams params(long maxTokens) {
        return MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(maxTokens)
                .system("You write training data.")
                .addUserMessage(PROMPT)
                .build();
    }

    @Test
    void theSdkReadsAndValidatesAMessage() throws Exception {
        // When the SDK sends a generation prompt
        Message message = client("simulator-key").messages().create(params(2048));

        // Then every field validates and the text is the conversation
        message.validate();
        assertThat(message.id()).startsWith("msg_");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isPositive();
        assertThat(message.usage().outputTokens()).isPositive();
        JsonNode conversation =
                new ObjectMapper().readTree(message.content().get(0).asText().text());
        assertThat(conversation.get("turns")).hasSize(4);
    }

    @Test
    void theSdkAccumulatesAStreamedMessage() {
        // When the SDK streams the same request
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream =
                client("simulator-key").messages().createStreaming(params(2048))) {
            stream.stream().forEach(accumulator::accumulate);
        }

        // Then the accumulated message is complete and valid
        Message message = accumulator.message();
        message.validate();
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.content().get(0).asText().text()).startsWith("{\"system_prompt\"");
        assertThat(message.usage().outputTokens()).isGreaterThan(10);
    }

    @Test
    void theSdkSeesTheRateLimitHeaders() {
        // Given a limit of 50 requests per minute
        given().contentType("application/json").body("{\"rpm\":50}").put("/simulator/behaviour");

        // When the SDK reads the raw response
        HttpResponseFor<Message> response =
                client("simulator-key").messages().withRawResponse().create(params(2048));

        // Then the headers are there as the real API sends them
        assertThat(response.headers().values("anthropic-ratelimit-requests-limit"))
                .containsExactly("50");
        assertThat(response.headers().values("anthropic-ratelimit-requests-remaining"))
                .containsExactly("49");
        assertThat(response.headers().values("request-id")).hasSize(1);
        response.parse().validate();
    }

    @Test
    void theSdkMapsEachErrorToItsException() {
        // A wrong key
        UnauthorizedException unauthorized = catchThrowableOfType(
                UnauthorizedException.class, () -> client("wrong").messages().create(params(100)));
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.apiMessage()).contains("invalid x-api-key");

        // The rate limit, with retry-after
        given().contentType("application/json").body("{\"rpm\":1}").put("/simulator/behaviour");
        client("simulator-key").messages().create(params(100));
        RateLimitException limited = catchThrowableOfType(
                RateLimitException.class,
                () -> client("simulator-key").messages().create(params(100)));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().values("retry-after")).hasSize(1);

        // Overload and server errors
        given().contentType("application/json")
                .body("{\"faults\":[\"overloaded\",\"server_error\"]}")
                .post("/simulator/faults");
        given().contentType("application/json").body("{\"rpm\":0}").put("/simulator/behaviour");
        OverloadedException overloaded = catchThrowableOfType(
                OverloadedException.class,
                () -> client("simulator-key").messages().create(params(100)));
        assertThat(overloaded.statusCode()).isEqualTo(529);
        InternalServerException server = catchThrowableOfType(
                InternalServerException.class,
                () -> client("simulator-key").messages().create(params(100)));
        assertThat(server.statusCode()).isEqualTo(500);
        assertThat(server.requestId()).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
    }

    @Test
    void theSdkReportsARequestTheApiRejects() {
        // Given a request whose max_tokens is not a positive integer
        MessageCreateParams invalid = MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(0)
                .addUserMessage("hi")
                .build();

        BadRequestException rejected = catchThrowableOfType(
                BadRequestException.class,
                () -> client("simulator-key").messages().create(invalid));

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.apiMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("max_tokens"));
    }
}
