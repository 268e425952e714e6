package dev.trainyard.batch.rest;

import jakarta.enterprise.context.RequestScoped;

/** The tenant the request's API key belongs to, set by {@link ApiKeyFilter} before any resource runs. */
@RequestScoped
public class CurrentTenant {

    private String tenant;

    public void set(String tenant) {
        this.tenant = tenant;
    }

    public String get() {
        if (tenant == null) {
            throw new IllegalStateException("no authenticated tenant on this request");
        }
        return tenant;
    }
}
