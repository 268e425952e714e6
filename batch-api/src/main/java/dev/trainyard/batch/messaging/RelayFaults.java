package dev.trainyard.batch.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault point between "published to Kafka" and "marked sent": the moment a crash costs the most. Tests arm
 * it to prove such a crash re-publishes instead of losing records. Disarmed it does nothing.
 */
@ApplicationScoped
public class RelayFaults {

    private final AtomicInteger crashesLeft = new AtomicInteger();
    private volatile boolean held;

    /** The next {@code rounds} relay rounds fail after publishing, before marking their rows sent. */
    public void crashAfterPublish(int rounds) {
        crashesLeft.set(rounds);
    }

    /**
     * While held, relay rounds publish nothing, as if the process had died right after committing: rows stay
     * unsent until {@link #release()}, which plays the part of the next process start.
     */
    public void hold() {
        held = true;
    }

    public void release() {
        held = false;
    }

    boolean held() {
        return held;
    }

    Uni<Void> afterPublish(int rows) {
        if (rows > 0 && crashesLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            return Uni.createFrom().failure(new IllegalStateException("injected crash after publishing " + rows));
        }
        return Uni.createFrom().voidItem();
    }
}
