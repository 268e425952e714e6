package dev.trainyard.batch.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * batch-api's meters, served in Prometheus format at {@code /q/metrics}: {@code trainyard_batches_created_total}
 * and {@code trainyard_items_total{status}}, the item transitions into queued (accepted with a new batch),
 * completed and failed. Counted after the transaction commits, so a rolled-back change is never counted.
 */
@ApplicationScoped
public class ItemMetrics {

    private final MeterRegistry registry;
    private final Counter batchesCreated;

    public ItemMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchesCreated = Counter.builder("trainyard.batches.created")
                .description("Batches accepted (a repeated submission of the same id counts once)")
                .register(registry);
    }

    /** A new batch was stored with this many queued items. */
    public void batchCreated(int items) {
        batchesCreated.increment();
        items(BatchStatus.QUEUED).increment(items);
    }

    /** A worker's event moved one open item to this status. */
    public void itemMoved(String status) {
        items(status).increment();
    }

    private Counter items(String status) {
        return Counter.builder("trainyard.items")
                .description("Item transitions into a status")
                .tag("status", status)
                .register(registry);
    }
}
