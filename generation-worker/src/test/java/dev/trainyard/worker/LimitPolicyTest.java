package dev.trainyard.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainyard.worker.client.InMemoryRateLimiter;
import dev.trainyard.worker.client.LimitPolicy;
import dev.trainyard.worker.client.RateLimitHeaders;
import dev.trainyard.worker.client.RateLimiter;
import dev.trainyard.worker.config.RateLimitConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LimitPolicyTest {

    @Test
    void lowerLimitsReportedByTheApiTightenTheConfiguredOnesButHigherOnesDoNot() {
        // Given 600 RPM and 400k OTPM configured
        LimitPolicy policy = new LimitPolicy(config(600, 0, 400_000, 60));

        // When the API reports 50 RPM, no input limit and a higher output limit
        policy.observe(new RateLimitHeaders(50, 49, -1, -1, 1_000_000, 999_000));

        // Then the request limit is tightened, the others stay as configured
        assertThat(policy.limits()).isEqualTo(new LimitPolicy.Limits(50, 0, 400_000));
    }

    @Test
    void noRequestsRemainingPausesForOneRefillStep() {
        LimitPolicy policy = new LimitPolicy(config(600, 0, 0, 60));

        Duration pause = policy.pauseFor(new RateLimitHeaders(60, 0, -1, -1, -1, -1));

        assertThat(pause).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1100));
    }

    @Test
    void anEmptyWindowAdmitsACallLargerThanTheLimitSoItCannotWaitForever() {
        LimitPolicy policy = new LimitPolicy(config(0, 0, 1000, 60));

        assertThat(policy.admits(new LimitPolicy.WindowUsage(0, 0, 0), 10, 5000))
                .isTrue();
        assertThat(policy.admits(new LimitPolicy.WindowUsage(1, 10, 100), 10, 901))
                .isFalse();
        assertThat(policy.admits(new LimitPolicy.WindowUsage(1, 10, 100), 10, 900))
                .isTrue();
    }

    @Test
    void theInMemoryLedgerHoldsTheRequestsPerWindowInOneProcess() throws Exception {
        // Given 3 requests per 1 s window
        RateLimiter limiter = new InMemoryRateLimiter(new LimitPolicy(config(3, 0, 0, 1)));

        // When 4 calls ask at once
        long started = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            limiter.acquire(1, 1).await().atMost(Duration.ofSeconds(1));
        }
        CompletableFuture<RateLimiter.Permit> fourth = limiter.acquire(1, 1).subscribeAsCompletionStage();

        // Then the fourth waits until the first leaves the window
        fourth.get();
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(950);
    }

    static RateLimitConfig config(long rpm, long itpm, long otpm, int windowSeconds) {
        return new RateLimitConfig() {
            @Override
            public String store() {
                return "memory";
            }

            @Override
            public long rpm() {
                return rpm;
            }

            @Override
            public long itpm() {
                return itpm;
            }

            @Override
            public long otpm() {
                return otpm;
            }

            @Override
            public Duration window() {
                return Duration.ofSeconds(windowSeconds);
            }

            @Override
            public Duration arrivalMargin() {
                return Duration.ZERO;
            }

            @Override
            public Duration maxPoll() {
                return Duration.ofMillis(50);
            }
        };
    }
}
