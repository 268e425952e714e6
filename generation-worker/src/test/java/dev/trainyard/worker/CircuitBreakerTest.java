package dev.trainyard.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainyard.worker.client.CircuitBreaker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    @Test
    void opensAfterTheThresholdOfConsecutiveFailuresAndHoldsCallsBack() {
        // Given a breaker that opens after 3 failures for 500 ms
        CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofMillis(500));

        // When two calls fail, it stays closed; the third opens it
        breaker.failure();
        breaker.failure();
        assertThat(breaker.waitTime()).isZero();
        breaker.failure();

        // Then calls must wait up to the open time
        assertThat(breaker.isOpen()).isTrue();
        assertThat(breaker.waitTime()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aSuccessResetsTheRunOfFailures() {
        CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(5));

        breaker.failure();
        breaker.success();
        breaker.failure();

        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void letsCallsThroughAfterTheOpenTimeAndReopensOnTheNextFailure() throws Exception {
        CircuitBreaker breaker = new CircuitBreaker(1, Duration.ofMillis(100));
        breaker.failure();
        assertThat(breaker.isOpen()).isTrue();

        Thread.sleep(150);
        assertThat(breaker.waitTime()).isZero();
        breaker.failure();

        assertThat(breaker.isOpen()).isTrue();
    }
}
