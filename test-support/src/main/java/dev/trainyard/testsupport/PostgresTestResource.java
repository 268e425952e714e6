package dev.trainyard.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} application a fresh database on a real embedded PostgreSQL, for both the
 * reactive client and Flyway's JDBC connection.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        EmbeddedPostgresDatabase.Database db = EmbeddedPostgresDatabase.newDatabase("trainyard_test");
        return Map.of(
                "quarkus.datasource.reactive.url", db.reactiveUrl(),
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password());
    }

    @Override
    public void stop() {
        // The server is shared by every test class of the JVM and stops with it.
    }
}
