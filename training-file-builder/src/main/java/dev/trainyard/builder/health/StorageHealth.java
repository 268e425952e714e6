package dev.trainyard.builder.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether training-file storage failed. A failed fsync may have lost written pages, so the builder stops taking
 * work for good (until restarted) instead of retrying; {@link StorageReadinessCheck} reports it.
 */
@ApplicationScoped
public class StorageHealth {

    private final AtomicReference<String> failure = new AtomicReference<>();

    /** Records the first storage failure; the builder is no longer ready afterwards. */
    public void failed(Throwable cause) {
        failure.compareAndSet(null, cause.getMessage());
    }

    public boolean isFailed() {
        return failure.get() != null;
    }

    /** The first failure's message, or null. */
    public String failure() {
        return failure.get();
    }
}
