package dev.trainyard.batch.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * A request for {@code count} generated conversations. The upper bound of {@code count} is configuration
 * ({@code trainyard.batch.max-count}), so it is checked by the service rather than by an annotation.
 *
 * @param targetTrainingFileId when present, every generated conversation is appended to that file
 * @param errorMode {@code continue} (default) or {@code stop}
 * @param maxFailureRate in {@code stop} mode, the failure rate that stops the batch; default from config
 */
public record CreateBatchRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Positive Integer count,
        UUID targetTrainingFileId,
        @NotNull @Valid GenerationParameters parameters,

        @Pattern(regexp = "continue|stop", message = "must be continue or stop")
        String errorMode,

        @DecimalMin("0") @DecimalMax("1") Double maxFailureRate) {}
