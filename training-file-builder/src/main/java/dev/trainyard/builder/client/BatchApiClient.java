package dev.trainyard.builder.client;

import dev.trainyard.builder.config.BuilderConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Fetches stored conversations from batch-api with this builder's own key. Transient failures (connection
 * errors, 5xx, 429) are retried with back-off; a 404 is an answer, not a failure.
 */
@ApplicationScoped
public class BatchApiClient {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final int RETRIES = 3;

    private final BatchApiRestClient client;
    private final String authorization;

    public BatchApiClient(@RestClient BatchApiRestClient client, BuilderConfig config) {
        this.client = client;
        this.authorization = "Bearer " + config.batchApi().key().orElse("");
    }

    /** The conversation, or empty when batch-api does not know the id. */
    public Uni<Optional<StoredConversation>> conversation(UUID id) {
        return client.conversation(id, authorization)
                .map(Optional::of)
                .onFailure(BatchApiClient::isNotFound)
                .recoverWithItem(Optional.empty())
                .onFailure(BatchApiClient::isTransient)
                .invoke(e -> Log.warnf("batch-api lookup of conversation %s failed, retrying: %s", id, e.getMessage()))
                .onFailure(BatchApiClient::isTransient)
                .retry()
                .withBackOff(FIRST_BACKOFF)
                .atMost(RETRIES)
                .onFailure()
                .transform(e -> new BatchApiUnavailable("batch-api did not return conversation " + id, e));
    }

    private static boolean isNotFound(Throwable e) {
        return e instanceof WebApplicationException web && web.getResponse().getStatus() == 404;
    }

    private static boolean isTransient(Throwable e) {
        if (e instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            return status >= 500 || status == 429;
        }
        return !(e instanceof BatchApiUnavailable);
    }
}
