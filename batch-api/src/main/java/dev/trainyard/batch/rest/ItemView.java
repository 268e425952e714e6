package dev.trainyard.batch.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.trainyard.batch.store.ItemRow;
import java.time.Instant;
import java.util.UUID;

/** One item of a batch: what it asks for and how far it got. Its id is also its conversation's id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemView(
        UUID id,
        int seq,
        String status,
        int attempt,
        String persona,
        String topic,
        String emotionalArc,
        String failureReason,
        String failureMessage,
        long inputTokens,
        long outputTokens,
        Long latencyMs,
        Instant updatedAt,
        Instant finishedAt) {

    static ItemView of(ItemRow item) {
        return new ItemView(
                item.id(),
                item.seq(),
                item.status(),
                item.attempt(),
                item.persona(),
                item.topic(),
                item.emotionalArc(),
                item.failureReason(),
                item.failureMessage(),
                item.inputTokens(),
                item.outputTokens(),
                item.latencyMs(),
                item.updatedAt(),
                item.finishedAt());
    }
}
