package dev.trainyard.builder.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValidationSplitTest {

    @Test
    void theSameIdAlwaysLandsInTheSameSet() {
        UUID id = UUID.fromString("3f1c2a4e-9b7d-4c1e-8a2b-5d6e7f809a1b");

        assertThat(ValidationSplit.of(id, 0.3)).isEqualTo(ValidationSplit.of(id, 0.3));
        assertThat(ValidationSplit.position(id)).isEqualTo(ValidationSplit.position(UUID.fromString(id.toString())));
    }

    @Test
    void aboutTheRequestedFractionGoesToValidation() {
        int validation = 0;
        for (int i = 0; i < 20_000; i++) {
            if (ValidationSplit.VALIDATION.equals(ValidationSplit.of(UUID.randomUUID(), 0.2))) {
                validation++;
            }
        }

        assertThat(validation / 20_000.0).isBetween(0.18, 0.22);
    }

    @Test
    void fractionZeroPutsEverythingInTraining() {
        assertThat(ValidationSplit.of(UUID.randomUUID(), 0)).isEqualTo(ValidationSplit.TRAIN);
    }
}
