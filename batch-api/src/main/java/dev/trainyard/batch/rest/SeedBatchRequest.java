package dev.trainyard.batch.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The body the previous system's client sends to {@code POST /api/conversations/generate-batch}. Only the
 * fields that still mean something here are used: one item per parameter set (persona, topic and emotional
 * arc read from its parameters), or one per conversation id. Template ids, tiers, concurrency and priority
 * are accepted and ignored, because workers own concurrency and prompts are built from the parameters.
 */
public record SeedBatchRequest(
        String name,
        String tier,
        List<UUID> conversationIds,
        UUID templateId,
        List<ParameterSet> parameterSets,
        Map<String, Object> sharedParameters,
        Integer concurrentProcessing,
        String errorHandling,
        String userId,
        String priority) {

    /** One conversation to generate, as the previous client describes it. */
    public record ParameterSet(UUID templateId, Map<String, Object> parameters, String tier) {}
}
