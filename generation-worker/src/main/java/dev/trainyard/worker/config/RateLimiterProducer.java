package dev.trainyard.worker.config;

import dev.trainyard.worker.client.InMemoryRateLimiter;
import dev.trainyard.worker.client.LimitPolicy;
import dev.trainyard.worker.client.RateLimiter;
import dev.trainyard.worker.store.PostgresRateLimiter;
import io.quarkus.logging.Log;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** Picks the rate-limit ledger configured in {@code trainyard.rate-limit.store}. */
public class RateLimiterProducer {

    @Produces
    @ApplicationScoped
    RateLimiter rateLimiter(RateLimitConfig config, LimitPolicy policy, Instance<Pool> pool) {
        Log.infof("rate limits %s per %s, ledger: %s", policy.limits(), config.window(), config.store());
        return switch (config.store()) {
            case "postgres" -> new PostgresRateLimiter(pool.get(), policy);
            case "memory" -> new InMemoryRateLimiter(policy);
            default ->
                throw new IllegalArgumentException(
                        "trainyard.rate-limit.store must be postgres or memory, not " + config.store());
        };
    }
}
