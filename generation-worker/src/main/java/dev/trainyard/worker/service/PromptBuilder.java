package dev.trainyard.worker.service;

import dev.trainyard.model.GenerationRequested;
import dev.trainyard.worker.client.MessagesRequest;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds the generation prompt of the worker/simulator prompt contract: the user message carries the
 * {@code Persona:}, {@code Topic:}, {@code Emotional arc:} and {@code Exchanges:} lines and asks for one
 * JSON object. The system prompt (the data set's writing guidelines, {@code prompts/system-prompt.txt}) is
 * the same for every item, so it is marked for prompt caching when it is long enough for the API to cache
 * it: then every call after the first pays a tenth of its input price.
 */
@ApplicationScoped
public class PromptBuilder {

    /** Prompt caching settings. */
    @ConfigMapping(prefix = "trainyard.prompt-cache")
    public interface CacheConfig {
        /** Mark the system prompt for caching when it is long enough. */
        @WithDefault("true")
        boolean enabled();

        /** The API's minimum cacheable prefix in tokens (1024 for Sonnet and Opus models). */
        @WithDefault("1024")
        long minTokens();
    }

    private static final int CHARS_PER_TOKEN = 4;

    private final String systemPrompt;
    private final boolean cacheSystemPrompt;

    public PromptBuilder(CacheConfig cache) {
        this.systemPrompt = load("prompts/system-prompt.txt");
        this.cacheSystemPrompt = cache.enabled() && systemPrompt.length() / CHARS_PER_TOKEN >= cache.minTokens();
    }

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
        Object system = cacheSystemPrompt ? List.of(MessagesRequest.SystemBlock.cached(systemPrompt)) : systemPrompt;
        return new MessagesRequest(model, maxTokens, system, List.of(new MessagesRequest.Message("user", user)));
    }

    private static String load(String resource) {
        try (InputStream in = PromptBuilder.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
