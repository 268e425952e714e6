package dev.trainyard.builder.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness goes down, with the reason, once training-file storage has failed. */
@Readiness
@ApplicationScoped
public class StorageReadinessCheck implements HealthCheck {

    private final StorageHealth storage;

    public StorageReadinessCheck(StorageHealth storage) {
        this.storage = storage;
    }

    @Override
    public HealthCheckResponse call() {
        String reason = storage.failure();
        if (reason == null) {
            return HealthCheckResponse.up("training-file-storage");
        }
        return HealthCheckResponse.named("training-file-storage")
                .down()
                .withData("reason", reason)
                .build();
    }
}
