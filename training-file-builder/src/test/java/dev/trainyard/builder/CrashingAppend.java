package dev.trainyard.builder;

import dev.trainyard.builder.health.StorageHealth;
import dev.trainyard.builder.service.IncomingConversation;
import dev.trainyard.builder.service.TrainingFileAppender;
import dev.trainyard.builder.store.FaultPoints;
import dev.trainyard.builder.store.LocalDirectoryStorage;
import dev.trainyard.builder.store.TrainingFileRepository;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * A builder process of its own for crash tests: it runs the real appender (same repository, storage and
 * transaction) against the test database and freezes at an armed fault point, where the test kills it with
 * SIGKILL. Arguments: reactive database URL, user, password, storage directory, file id, fault point.
 */
public final class CrashingAppend {

    private CrashingAppend() {}

    public static void main(String[] args) {
        PgConnectOptions options =
                PgConnectOptions.fromUri(args[0]).setUser(args[1]).setPassword(args[2]);
        Vertx vertx = Vertx.vertx();
        Pool pool = Pool.newInstance(PgBuilder.pool()
                .connectingTo(options)
                .using(vertx.getDelegate())
                .build());
        LocalDirectoryStorage storage =
                new LocalDirectoryStorage(Path.of(args[3]), new FaultPoints(Optional.of(args[5])));
        TrainingFileAppender appender = new TrainingFileAppender(
                new TrainingFileRepository(pool),
                storage,
                new FaultPoints(Optional.of(args[5])),
                new StorageHealth(),
                Executors.newSingleThreadExecutor());
        UUID fileId = UUID.fromString(args[4]);
        List<IncomingConversation> doomed = List.of(
                new IncomingConversation(UUID.randomUUID(), TestConversations.conversation("doomed one ☕", 3)),
                new IncomingConversation(UUID.randomUUID(), TestConversations.conversation("doomed two 🚂", 3)));
        appender.append(fileId, doomed).await().atMost(Duration.ofMinutes(5));
        System.out.println("APPEND_COMMITTED (the fault point was not reached)");
        System.exit(3);
    }
}
