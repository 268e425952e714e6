import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a real PostgreSQL server (zonky's embedded binaries) for machines that have none, keeping its data
 * in a folder so a restart finds the same databases. Started by deploy/local/lib.sh with the resolved
 * classpath as a single-file source program: args are port, data directory, database to create.
 */
public final class EmbeddedPostgresLauncher {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dataDir = Path.of(args[1]);
        String database = args[2];
        boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
        Files.createDirectories(dataDir);

        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .start();
        createDatabaseIfMissing(server, database);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(server, stopped), "embedded-pg-stop"));
        // deploy/local waits for this line before it starts anything that needs the database.
        System.out.println("Embedded PostgreSQL ready on 127.0.0.1:" + port + " (" + (fresh ? "new" : "existing")
                + " data in " + dataDir + ")");
        stopped.await();
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres server, String database) throws Exception {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a plain lower-case identifier");
        }
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            ResultSet found = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
            if (!found.next()) {
                statement.execute("CREATE DATABASE " + database);
            }
        }
    }

    private static void close(EmbeddedPostgres server, CountDownLatch stopped) {
        try {
            server.close();
        } catch (Exception e) {
            System.err.println("Embedded PostgreSQL did not stop cleanly: " + e);
        }
        stopped.countDown();
    }
}
