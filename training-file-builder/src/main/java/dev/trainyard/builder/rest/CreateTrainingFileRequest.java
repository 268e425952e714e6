package dev.trainyard.builder.rest;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /api/training-files}.
 *
 * @param format {@code openai_chat} (default), {@code openai_chat_pairs} or {@code anthropic_messages}
 * @param validationFraction share of conversations kept for validation, 0 to 0.5 (default from config)
 * @param conversationIds conversations of batch-api to append right away (any number)
 */
public record CreateTrainingFileRequest(
        String name,
        String description,
        String format,
        Double validationFraction,
        @JsonAlias("conversation_ids") List<UUID> conversationIds) {}
