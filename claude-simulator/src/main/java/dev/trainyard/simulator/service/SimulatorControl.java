package dev.trainyard.simulator.service;

import dev.trainyard.simulator.config.SimulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Holds the current {@link Behaviour}, the rate-limit buckets built from it, and a queue of scripted
 * faults that the next requests get in order (so a test can say "the next two calls are overloaded").
 */
@ApplicationScoped
public class SimulatorControl {

    private final Queue<Fault> scripted = new ConcurrentLinkedQueue<>();
    private volatile Behaviour behaviour;
    private volatile RateLimits limits;

    public SimulatorControl(SimulatorConfig config) {
        apply(Behaviour.from(config));
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    /** Replaces the behaviour; the rate-limit buckets start full again. */
    public synchronized void apply(Behaviour next) {
        this.behaviour = next;
        this.limits = new RateLimits(next.rpm(), next.itpm(), next.otpm());
    }

    RateLimits limits() {
        return limits;
    }

    public void script(List<Fault> faults) {
        scripted.addAll(faults);
    }

    public void clearScript() {
        scripted.clear();
    }

    /** The next scripted fault, else one drawn from the configured rates. */
    Fault nextFault() {
        Fault next = scripted.poll();
        return next != null ? next : drawn(behaviour);
    }

    private static Fault drawn(Behaviour b) {
        double roll = ThreadLocalRandom.current().nextDouble();
        double[] rates = {
            b.overloadedRate(), b.serverErrorRate(), b.hangRate(), b.slowRate(), b.truncationRate(), b.refusalRate()
        };
        Fault[] faults = {Fault.OVERLOADED, Fault.SERVER_ERROR, Fault.HANG, Fault.SLOW, Fault.TRUNCATION, Fault.REFUSAL
        };
        double upTo = 0;
        for (int i = 0; i < rates.length; i++) {
            upTo += rates[i];
            if (roll < upTo) {
                return faults[i];
            }
        }
        return Fault.NONE;
    }
}
