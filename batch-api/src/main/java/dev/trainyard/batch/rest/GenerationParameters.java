package dev.trainyard.batch.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What to generate. Each item draws one persona, topic and emotional arc from the lists, cycling through
 * their combinations so a batch covers them evenly.
 *
 * @param turns user/assistant exchanges per conversation; default from config
 * @param model the Claude model; default from config
 * @param maxTokens output budget per generation; default from config
 */
public record GenerationParameters(
        @NotEmpty @Size(max = 1000) List<@NotBlank @Size(max = 500) String> personas,
        @NotEmpty @Size(max = 1000) List<@NotBlank @Size(max = 500) String> topics,
        @Size(max = 1000) List<@NotBlank @Size(max = 500) String> emotionalArcs,
        @Positive Integer turns,
        @Size(min = 1, max = 100) String model,
        @Positive Integer maxTokens) {}
