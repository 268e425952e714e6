package dev.trainyard.simulator.service;

import dev.trainyard.simulator.config.SimulatorConfig;

/**
 * How the simulator behaves right now: latency, rate limits and fault rates. Starts from configuration;
 * tests and benchmarks change it at run time through {@code PUT /simulator/behaviour}.
 */
public record Behaviour(
        long latencyMs,
        double latencySigma,
        long rpm,
        long itpm,
        long otpm,
        double overloadedRate,
        double serverErrorRate,
        double slowRate,
        long slowExtraMs,
        double hangRate,
        long hangMs,
        double truncationRate,
        double refusalRate,
        boolean budgetExhausted) {

    public static Behaviour from(SimulatorConfig config) {
        return new Behaviour(
                config.latencyMs(),
                config.latencySigma(),
                config.rpm(),
                config.itpm(),
                config.otpm(),
                config.overloadedRate(),
                config.serverErrorRate(),
                config.slowRate(),
                config.slowExtraMs(),
                config.hangRate(),
                config.hangMs(),
                config.truncationRate(),
                config.refusalRate(),
                config.budgetExhausted());
    }
}
