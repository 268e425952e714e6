package dev.trainyard.worker.service;

import dev.trainyard.model.TokenUsage;
import dev.trainyard.worker.config.PriceConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** What a call's tokens cost, from the configured price table. */
@ApplicationScoped
public class CostCalculator {

    private static final double PER_MILLION = 1_000_000.0;

    private final PriceConfig prices;

    public CostCalculator(PriceConfig prices) {
        this.prices = prices;
    }

    /** Cost in USD; a model without a row in the table is priced with the {@code default} row (or 0). */
    public double costUsd(String model, TokenUsage usage) {
        PriceConfig.Price price = prices.models().get(model);
        if (price == null) {
            price = prices.models().get("default");
        }
        if (price == null || usage == null) {
            return 0;
        }
        return (usage.inputTokens() * price.input()
                        + usage.outputTokens() * price.output()
                        + usage.cacheCreationInputTokens() * price.cacheWrite()
                        + usage.cacheReadInputTokens() * price.cacheRead())
                / PER_MILLION;
    }
}
