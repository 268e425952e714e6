package dev.trainyard.simulator.service;

import dev.trainyard.simulator.api.ApiError;
import dev.trainyard.simulator.api.MessageResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides the answer to a valid request the way the real API would: spend limit, then rate limits (429
 * with retry-after), then injected faults, then the model's message, with the rate-limit headers on
 * every answer and a latency drawn from the configured distribution.
 */
@ApplicationScoped
public class SimulatedApi {

    private static final Duration ERROR_LATENCY = Duration.ofMillis(20);

    private final SimulatorControl control;
    private final MessageWriter writer;
    private final Stats stats;

    public SimulatedApi(SimulatorControl control, MessageWriter writer, Stats stats) {
        this.control = control;
        this.writer = writer;
        this.stats = stats;
    }

    public Reply answer(MessageRequest request, String requestId) {
        stats.received();
        Behaviour behaviour = control.behaviour();
        RateLimits limits = control.limits();
        Fault fault = control.nextFault();
        if (behaviour.budgetExhausted() || fault == Fault.BUDGET_SPENT) {
            return error(429, "rate_limit_error", "Your organization has reached its spend limit.", requestId, null);
        }
        long input = writer.inputTokens(request);
        RateLimits.Admission admission = limits.admit(input, request.maxTokens());
        if (!admission.admitted() || fault == Fault.RATE_LIMITED) {
            long retryAfter = admission.admitted() ? 1 : admission.retryAfterSeconds();
            String limit = admission.admitted() ? "requests" : admission.limitHit();
            Reply reply = error(
                    429,
                    "rate_limit_error",
                    "This request would exceed your organization's rate limit of " + limit + " per minute.",
                    requestId,
                    retryAfter);
            reply.headers().putAll(limits.headers());
            return reply;
        }
        stats.admitted();
        return afterAdmission(request, requestId, fault, behaviour, limits);
    }

    private Reply afterAdmission(
            MessageRequest request, String requestId, Fault fault, Behaviour behaviour, RateLimits limits) {
        switch (fault) {
            case OVERLOADED:
                limits.settle(request.maxTokens(), 0);
                return error(529, "overloaded_error", "Overloaded", requestId, null);
            case SERVER_ERROR:
                limits.settle(request.maxTokens(), 0);
                return error(500, "api_error", "Internal server error", requestId, null);
            case TOO_LARGE:
                limits.settle(request.maxTokens(), 0);
                return error(
                        413,
                        "request_too_large",
                        "Request exceeds the maximum allowed number of bytes.",
                        requestId,
                        null);
            default:
                break;
        }
        MessageResponse message = writer.answer(request, fault);
        limits.settle(request.maxTokens(), message.usage().outputTokens());
        stats.served(message.usage().inputTokens(), message.usage().outputTokens());
        stats.answered(200);
        Map<String, String> headers = new HashMap<>(limits.headers());
        headers.put("request-id", requestId);
        return new Reply(200, message, headers, latency(behaviour, fault));
    }

    private Reply error(int status, String type, String message, String requestId, Long retryAfterSeconds) {
        stats.answered(status);
        Map<String, String> headers = new HashMap<>();
        headers.put("request-id", requestId);
        if (retryAfterSeconds != null) {
            headers.put("retry-after", Long.toString(retryAfterSeconds));
        }
        return new Reply(status, ApiError.of(type, message, requestId), headers, ERROR_LATENCY);
    }

    /** Log-normal around the median: most answers near it, a long tail of slow ones, as real APIs show. */
    private static Duration latency(Behaviour behaviour, Fault fault) {
        double factor = behaviour.latencySigma() > 0
                ? Math.exp(
                        behaviour.latencySigma() * ThreadLocalRandom.current().nextGaussian())
                : 1.0;
        long millis = Math.round(behaviour.latencyMs() * factor);
        if (fault == Fault.SLOW) {
            millis += behaviour.slowExtraMs();
        }
        if (fault == Fault.HANG) {
            millis = behaviour.hangMs();
        }
        return Duration.ofMillis(millis);
    }
}
