package dev.trainyard.batch.rest;

import dev.trainyard.batch.config.TenantDirectory;
import dev.trainyard.model.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every {@code /api} route needs {@code Authorization: Bearer <key>}; the key's tenant scopes what the
 * request may see. Keys are compared by SHA-256 hash and never logged.
 */
@ApplicationScoped
public class ApiKeyFilter {

    private final ApiKeys keys;
    private final CurrentTenant currentTenant;

    public ApiKeyFilter(TenantDirectory tenants, CurrentTenant currentTenant) {
        this.keys = tenants.keys();
        this.currentTenant = currentTenant;
    }

    @ServerRequestFilter
    public Response authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return null;
        }
        Optional<String> tenant = ApiKeys.bearerKey(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .flatMap(keys::tenantOf);
        if (tenant.isEmpty()) {
            return Response.fromResponse(ProblemMappers.respond(Problem.of(
                            401, "Unauthorized", "a valid API key is required: Authorization: Bearer <key>")))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .build();
        }
        currentTenant.set(tenant.get());
        return null;
    }
}
