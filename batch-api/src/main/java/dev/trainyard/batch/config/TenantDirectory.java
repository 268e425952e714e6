package dev.trainyard.batch.config;

import dev.trainyard.model.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The tenants batch-api knows, from {@code trainyard.api-keys}: HTTP callers prove theirs with a key, Kafka
 * producers name one, and it must be in this list.
 */
@ApplicationScoped
public class TenantDirectory {

    private final ApiKeys keys;
    private final Set<String> tenants;

    public TenantDirectory(BatchApiConfig config) {
        String spec = config.apiKeys().orElse("");
        this.keys = ApiKeys.parse(spec);
        Set<String> names = new LinkedHashSet<>();
        for (String entry : spec.split(",")) {
            int colon = entry.indexOf(':');
            if (colon > 0) {
                names.add(entry.substring(0, colon).trim());
            }
        }
        this.tenants = Set.copyOf(names);
    }

    public ApiKeys keys() {
        return keys;
    }

    public boolean knows(String tenant) {
        return tenant != null && tenants.contains(tenant);
    }
}
