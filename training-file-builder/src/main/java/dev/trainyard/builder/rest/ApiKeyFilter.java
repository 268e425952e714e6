package dev.trainyard.builder.rest;

import dev.trainyard.builder.config.BuilderConfig;
import dev.trainyard.model.ApiKeys;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Every {@code /api} call needs {@code Authorization: Bearer <key>} of a configured tenant; else 401. */
public class ApiKeyFilter {

    private final ApiKeys keys;
    private final Caller caller;

    public ApiKeyFilter(BuilderConfig config, Caller caller) {
        this.keys = ApiKeys.parse(config.apiKeys().orElse(""));
        this.caller = caller;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api")) {
            return Optional.empty();
        }
        Optional<String> tenant = ApiKeys.bearerKey(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .flatMap(keys::tenantOf);
        if (tenant.isEmpty()) {
            return Optional.of(Response.status(401)
                    .type(Problem.MEDIA_TYPE)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .entity(Problem.of(401, "Unauthorized", "a valid bearer API key is required"))
                    .build());
        }
        caller.authenticatedAs(tenant.get());
        return Optional.empty();
    }
}
