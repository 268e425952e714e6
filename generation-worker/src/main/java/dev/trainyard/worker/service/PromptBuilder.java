package dev.trainyard.worker.service;

import dev.trainyard.model.GenerationRequested;
import dev.trainyard.worker.client.MessagesRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Builds the generation prompt of the worker/simulator prompt contract: the user message carries the
 * {@code Persona:}, {@code Topic:}, {@code Emotional arc:} and {@code Exchanges:} lines and asks for one
 * JSON object. The system prompt is the same for every item, so it can be cached by the API.
 */
@ApplicationScoped
public class PromptBuilder {

    static final String SYSTEM_PROMPT = "You write realistic conversations between a person and an AI assistant "
            + "for a fine-tuning data set. The person speaks as the given persona about the given topic, and "
            + "their mood follows the given emotional arc. The assistant is helpful, accurate and kind. "
            + "You answer with exactly one JSON object and nothing else: no prose, no explanation.";

    public MessagesRequest build(GenerationRequested request, String model, int maxTokens) {
        String arc =
                request.emotionalArc() == null || request.emotionalArc().isBlank() ? "steady" : request.emotionalArc();
        String user = "Write one conversation.\n"
                + "Persona: " + request.persona() + "\n"
                + "Topic: " + request.topic() + "\n"
                + "Emotional arc: " + arc + "\n"
                + "Exchanges: " + request.turns() + "\n\n"
                + "Answer with ONE JSON object, no prose: {\"system_prompt\": \"...\", \"turns\": "
                + "[{\"role\":\"user\",\"content\":\"...\"}, {\"role\":\"assistant\",\"content\":\"...\"}, ...]} "
                + "with exactly " + request.turns() + " user/assistant pairs, user first.";
        return new MessagesRequest(model, maxTokens, SYSTEM_PROMPT, List.of(new MessagesRequest.Message("user", user)));
    }
}
