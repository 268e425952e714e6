package dev.trainyard.worker.client;

import dev.trainyard.worker.config.ClaudeConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Claude calls that hold up against what the API really does; the one place where retry policy lives.
 * <ul>
 *   <li>every attempt takes a permit of the shared {@link RateLimiter} first, and waits out an open
 *       {@link CircuitBreaker};
 *   <li>429 with retry-after pauses every replica for that long, then retries: not an attempt used;
 *   <li>429 without retry-after (budget spent) fails at once with {@link BudgetSpentException};
 *   <li>529 overload retries with jittered exponential backoff and does not use up attempts;
 *   <li>5xx, per-attempt timeouts and connection errors retry with the same backoff, up to max-attempts;
 *   <li>400, 401, 403, 404, 413 fail at once: retrying cannot help.
 * </ul>
 * All retrying stops after the retry deadline with {@link UpstreamUnavailableException}.
 */
@ApplicationScoped
public class ResilientClaude {

    private final ClaudeClient client;
    private final RateLimiter limiter;
    private final CircuitBreaker breaker;
    private final ClaudeConfig config;
    private final ClaudeMetrics metrics;

    public ResilientClaude(
            ClaudeClient client,
            RateLimiter limiter,
            CircuitBreaker breaker,
            ClaudeConfig config,
            ClaudeMetrics metrics) {
        this.client = client;
        this.limiter = limiter;
        this.breaker = breaker;
        this.config = config;
        this.metrics = metrics;
    }

    /** Sends the request, retrying as the class says. */
    public Uni<ClaudeReply> send(MessagesRequest request) {
        return attempt(request, new Tries(System.nanoTime(), 0, 0));
    }

    /** Counts of one item's retries: failures use up attempts, overloads only lengthen the backoff. */
    private record Tries(long startedNanos, int failures, int overloads) {

        Tries failed() {
            return new Tries(startedNanos, failures + 1, overloads);
        }

        Tries overloaded() {
            return new Tries(startedNanos, failures, overloads + 1);
        }
    }

    private Uni<ClaudeReply> attempt(MessagesRequest request, Tries tries) {
        return pause(breaker.waitTime())
                .chain(() -> limiter.acquire(InputEstimate.of(request), request.maxTokens()))
                .chain(permit -> callWith(permit, request))
                .onFailure()
                .recoverWithUni(failure -> afterFailure(request, tries, failure));
    }

    private Uni<ClaudeReply> callWith(RateLimiter.Permit permit, MessagesRequest request) {
        return client.send(request)
                .onItem()
                .invoke(metrics::answered)
                .onItem()
                .call(reply -> settled(permit, reply))
                .onFailure()
                .invoke(metrics::failed)
                .onFailure()
                .call(failure -> permit.settle(0, 0));
    }

    private Uni<Void> settled(RateLimiter.Permit permit, ClaudeReply reply) {
        breaker.success();
        limiter.observe(reply.limits());
        MessagesResponse.Usage usage = reply.message().usage();
        long input = usage == null ? 0 : usage.inputTokens() + usage.cacheCreationInputTokens();
        long output = usage == null ? 0 : usage.outputTokens();
        return permit.settle(input, output);
    }

    private Uni<ClaudeReply> afterFailure(MessagesRequest request, Tries tries, Throwable failure) {
        if (failure instanceof ClaudeApiException api) {
            limiter.observe(api.limits());
            if (api.rateLimited()) {
                Duration wait = api.retryAfter().orElseThrow();
                Log.warnf("429 rate limited: every call waits %d ms as retry-after says", wait.toMillis());
                return limiter.pauseFor(wait).chain(() -> retry(request, tries, failure));
            }
            if (api.budgetSpent()) {
                return Uni.createFrom().failure(new BudgetSpentException(api.getMessage()));
            }
            if (api.overloaded()) {
                breaker.failure();
                Tries next = tries.overloaded();
                return backoff(next.overloads(), "529 overloaded").chain(() -> retry(request, next, failure));
            }
            if (api.serverError()) {
                return countedRetry(request, tries, failure);
            }
            return Uni.createFrom().failure(failure);
        }
        if (transientFailure(failure)) {
            return countedRetry(request, tries, failure);
        }
        return Uni.createFrom().failure(failure);
    }

    private Uni<ClaudeReply> countedRetry(MessagesRequest request, Tries tries, Throwable failure) {
        breaker.failure();
        Tries next = tries.failed();
        if (next.failures() >= config.maxAttempts()) {
            return Uni.createFrom()
                    .failure(new UpstreamUnavailableException(
                            "gave up after " + next.failures() + " attempts: " + describe(failure), failure));
        }
        return backoff(next.failures(), describe(failure)).chain(() -> retry(request, next, failure));
    }

    private Uni<ClaudeReply> retry(MessagesRequest request, Tries tries, Throwable failure) {
        Duration spent = Duration.ofNanos(System.nanoTime() - tries.startedNanos());
        if (spent.compareTo(config.retryDeadline()) > 0) {
            return Uni.createFrom()
                    .failure(new UpstreamUnavailableException(
                            "gave up after retrying for " + spent.toSeconds() + " s: " + describe(failure), failure));
        }
        return attempt(request, tries);
    }

    /** Exponential backoff with equal jitter: half the step fixed, half random, so replicas spread out. */
    private Uni<Void> backoff(int retry, String reason) {
        long base = config.backoffBase().toMillis();
        long step = Math.min(config.backoffMax().toMillis(), base << Math.min(20, retry - 1));
        long millis = step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
        Log.warnf("%s: retry %d in %d ms", reason, retry, millis);
        return pause(Duration.ofMillis(millis));
    }

    private static Uni<Void> pause(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(duration);
    }

    private static boolean transientFailure(Throwable failure) {
        return failure instanceof TimeoutException
                || failure instanceof ProcessingException
                || failure instanceof IOException
                || failure.getCause() instanceof IOException;
    }

    private static String describe(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "attempt timed out";
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
