package dev.trainyard.batch.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The OpenAPI document's header: every {@code /api} route needs a bearer API key, so Swagger UI offers an
 * "Authorize" button for it.
 */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Trainyard batch-api",
                        version = "1",
                        description =
                                "Batches of Claude-generated conversations: submit, follow, cancel, retry, read."),
        security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(
        securitySchemeName = "apiKey",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "An API key issued to your tenant, sent as Authorization: Bearer <key>")
public class OpenApiDefinition extends Application {}
