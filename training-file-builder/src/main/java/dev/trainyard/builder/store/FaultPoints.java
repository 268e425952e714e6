package dev.trainyard.builder.store;

import java.util.Optional;

/**
 * Named places where a crash test can freeze the builder so that it is killed there with SIGKILL. When the
 * configured point is reached the process prints {@code FAULT_POINT_REACHED <name>} and waits to be killed.
 * Without configuration (every real deployment) reaching a point costs one comparison.
 */
public final class FaultPoints {

    /** Half of an append's bytes are written, nothing is forced to disk. */
    public static final String MID_WRITE = "mid-write";

    /** All bytes are written and forced, the database transaction is not committed. */
    public static final String BEFORE_COMMIT = "before-commit";

    private final String armed;

    public FaultPoints(Optional<String> armed) {
        this.armed = armed.map(String::trim).orElse("");
    }

    public static FaultPoints none() {
        return new FaultPoints(Optional.empty());
    }

    public boolean isArmed(String point) {
        return armed.equals(point);
    }

    /** Blocks forever when {@code point} is the armed one. */
    public void reach(String point) {
        if (!isArmed(point)) {
            return;
        }
        System.out.println("FAULT_POINT_REACHED " + point);
        System.out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // Only SIGKILL is meant to end this process here.
            }
        }
    }
}
