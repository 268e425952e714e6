package dev.trainyard.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server (zonky's embedded binaries) started once per JVM. Each caller gets a fresh
 * database of its own, so test classes never see each other's rows.
 */
public final class EmbeddedPostgresDatabase {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresDatabase() {}

    /** Connection settings of one new, empty database. */
    public record Database(String host, int port, String name, String user, String password) {

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        public String reactiveUrl() {
            return "postgresql://" + host + ":" + port + "/" + name;
        }
    }

    public static synchronized Database newDatabase(String prefix) {
        EmbeddedPostgres pg = server();
        String name = prefix.replaceAll("[^a-z0-9_]", "_") + "_" + DATABASES.incrementAndGet();
        try (Connection connection = pg.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return new Database("127.0.0.1", pg.getPort(), name, "postgres", "postgres");
    }

    /**
     * Cuts one database off as a server restart would, seen from its clients: open connections are terminated
     * and new ones refused until the returned outage is closed. The server and the other databases stay up.
     */
    public static synchronized Outage outage(String database) {
        execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS false");
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
        return () -> execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS true");
    }

    /** An ongoing {@link #outage(String)}; closing it lets clients connect again. */
    public interface Outage extends AutoCloseable {
        @Override
        void close();
    }

    private static void execute(String sql) {
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run: " + sql, e);
        }
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresDatabase::stop, "embedded-pg-stop"));
        }
        return server;
    }

    private static synchronized void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // The JVM is exiting.
        }
    }
}
