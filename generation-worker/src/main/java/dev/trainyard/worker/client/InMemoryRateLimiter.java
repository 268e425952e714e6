package dev.trainyard.worker.client;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The limit's ledger in this JVM only: right for one worker process (and for the demo without a
 * database); several replicas need {@code PostgresRateLimiter}. A sliding window of the calls started.
 */
public class InMemoryRateLimiter implements RateLimiter {

    private final LimitPolicy policy;
    private final Deque<Entry> window = new ArrayDeque<>();
    private long pausedUntil = System.nanoTime();

    public InMemoryRateLimiter(LimitPolicy policy) {
        this.policy = policy;
    }

    private static final class Entry {
        final long startedAt;
        long input;
        long output;

        Entry(long startedAt, long input, long output) {
            this.startedAt = startedAt;
            this.input = input;
            this.output = output;
        }
    }

    @Override
    public Uni<Permit> acquire(long inputTokens, long maxOutputTokens) {
        return Uni.createFrom().deferred(() -> {
            Object admitted = tryAcquire(inputTokens, maxOutputTokens);
            if (admitted instanceof Entry entry) {
                return Uni.createFrom().item(permitFor(entry));
            }
            return Uni.createFrom()
                    .voidItem()
                    .onItem()
                    .delayIt()
                    .by((Duration) admitted)
                    .chain(() -> acquire(inputTokens, maxOutputTokens));
        });
    }

    /** The new entry when admitted, else how long to wait before asking again. */
    private synchronized Object tryAcquire(long input, long output) {
        long now = System.nanoTime();
        if (pausedUntil - now > 0) {
            return Duration.ofNanos(Math.min(pausedUntil - now, policy.maxPoll().toNanos()));
        }
        long windowNanos = policy.window().toNanos();
        while (!window.isEmpty() && now - window.peekFirst().startedAt >= windowNanos) {
            window.removeFirst();
        }
        LimitPolicy.WindowUsage usage = new LimitPolicy.WindowUsage(
                window.size(),
                window.stream().mapToLong(e -> e.input).sum(),
                window.stream().mapToLong(e -> e.output).sum());
        if (policy.admits(usage, input, output)) {
            Entry entry = new Entry(now, input, output);
            window.addLast(entry);
            return entry;
        }
        long untilOldestLeaves = window.peekFirst().startedAt + windowNanos - now;
        return Duration.ofNanos(
                Math.max(1_000_000, Math.min(untilOldestLeaves, policy.maxPoll().toNanos())));
    }

    private Permit permitFor(Entry entry) {
        return (input, output) -> {
            synchronized (this) {
                entry.input = input;
                entry.output = output;
            }
            return Uni.createFrom().voidItem();
        };
    }

    @Override
    public synchronized Uni<Void> pauseFor(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        if (until - pausedUntil > 0) {
            pausedUntil = until;
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public void observe(RateLimitHeaders headers) {
        policy.observe(headers);
        Duration pause = policy.pauseFor(headers);
        if (!pause.isZero()) {
            pauseFor(pause);
        }
    }
}
