package dev.trainyard.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MessagesResourceTest {

    private static final String PROMPT = "Write a conversation.\\nPersona: a retired teacher\\n"
            + "Topic: sourdough baking\\nEmotional arc: frustrated to relieved\\nExchanges: 3\\n";

    private static String body(int maxTokens, String userText) {
        return """
                {"model":"claude-sonnet-4-5","max_tokens":%d,
                 "system":"You write training data.",
                 "messages":[{"role":"user","content":"%s"}]}
                """.formatted(maxTokens, userText);
    }

    @Test
    void answersTheGenerationPromptWithAConversationOfTheRequestedShape() throws Exception {
        // Given a request following the prompt contract
        // When it is sent with a valid key and version
        Response response = given().header("x-api-key", "simulator-key")
                .header("anthropic-version", "2023-06-01")
                .contentType("application/json")
                .body(body(2048, PROMPT))
                .post("/v1/messages");

        // Then the body has the Messages API's shape
        response.then()
                .statusCode(200)
                .header("request-id", startsWith("req_"))
                .body("id", startsWith("msg_"))
                .body("type", equalTo("message"))
                .body("role", equalTo("assistant"))
                .body("model", equalTo("claude-sonnet-4-5"))
                .body("content[0].type", equalTo("text"))
                .body("stop_reason", equalTo("end_turn"))
                .body("stop_sequence", nullValue())
                .body("usage.input_tokens", greaterThan(10))
                .body("usage.output_tokens", greaterThan(10))
                .body("usage.cache_creation_input_tokens", equalTo(0))
                .body("usage.cache_read_input_tokens", equalTo(0));
        // And the text is the requested conversation, with usage about chars/4
        String text = response.jsonPath().getString("content[0].text");
        JsonNode conversation = new ObjectMapper().readTree(text);
        assertThat(conversation.get("system_prompt").asText()).contains("a retired teacher");
        assertThat(conversation.get("turns")).hasSize(6);
        assertThat(conversation.get("turns").get(0).get("role").asText()).isEqualTo("user");
        assertThat(conversation.get("turns").get(1).get("role").asText()).isEqualTo("assistant");
        assertThat(conversation.get("turns").get(0).get("content").asText()).contains("frustrated");
        assertThat(conversation.get("turns").get(4).get("content").asText()).contains("relieved");
        assertThat(text).contains("sourdough baking");
        long outputTokens = response.jsonPath().getLong("usage.output_tokens");
        assertThat(outputTokens).isBetween(text.length() / 4L, text.length() / 4L + 1);
    }

    @Test
    void cutsTheOutputAtMaxTokensWithStopReasonMaxTokens() {
        // Given a budget far smaller than the conversation
        Response response = given().header("x-api-key", "simulator-key")
                .header("anthropic-version", "2023-06-01")
                .contentType("application/json")
                .body(body(20, PROMPT))
                .post("/v1/messages");

        // Then the output stops at the budget
        response.then().statusCode(200).body("stop_reason", equalTo("max_tokens"));
        assertThat(response.jsonPath().getInt("usage.output_tokens")).isEqualTo(20);
        assertThat(response.jsonPath().getString("content[0].text")).hasSize(80);
    }

    @Test
    void rejectsAMissingApiKeyWith401InTheRealErrorShape() {
        given().header("anthropic-version", "2023-06-01")
                .contentType("application/json")
                .body(body(100, "hi"))
                .post("/v1/messages")
                .then()
                .statusCode(401)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("authentication_error"))
                .body("error.message", equalTo("x-api-key header is required"));
    }

    @Test
    void acceptsTheKeyAsABearerTokenAsCurrentSdksSendIt() {
        given().header("authorization", "Bearer simulator-key")
                .header("anthropic-version", "2023-06-01")
                .contentType("application/json")
                .body(body(2048, PROMPT))
                .post("/v1/messages")
                .then()
                .statusCode(200);
    }

    @Test
    void rejectsAnUnknownApiKeyWith401() {
        given().header("x-api-key", "wrong")
                .header("anthropic-version", "2023-06-01")
                .contentType("application/json")
                .body(body(100, "hi"))
                .post("/v1/messages")
                .then()
                .statusCode(401)
                .body("error.type", equalTo("authentication_error"));
    }

    @Test
    void rejectsAMissingVersionHeaderWith400() {
        given().header("x-api-key", "simulator-key")
                .contentType("application/json")
                .body(body(100, "hi"))
                .post("/v1/messages")
                .then()
                .statusCode(400)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", equalTo("anthropic-version: header is required"));
    }

    @Test
    void rejectsARequestWithoutMaxTokensNamingTheField() {
        given().header("x-api-key", "simulator-key")
                .header("anthropic-version", "2023-06-01")
                .contentType("application/json")
                .body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/messages")
                .then()
                .statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", startsWith("max_tokens"));
    }

    @Test
    void answersAPromptWithoutTheContractLinesWithProse() {
        given().header("x-api-key", "simulator-key")
                .header("anthropic-version", "2023-06-01")
                .contentType("application/json")
                .body("{\"model\":\"m\",\"max_tokens\":200,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}]}]}")
                .post("/v1/messages")
                .then()
                .statusCode(200)
                .body("content[0].text", startsWith("Hello!"));
    }
}
