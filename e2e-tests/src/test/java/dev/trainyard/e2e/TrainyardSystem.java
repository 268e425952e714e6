package dev.trainyard.e2e;

import static org.awaitility.Awaitility.await;

import dev.trainyard.model.ApiKeys;
import dev.trainyard.testsupport.EmbeddedPostgresDatabase;
import dev.trainyard.testsupport.InJvmKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The whole of Trainyard for one test class: one real Kafka broker, one fresh database on a real PostgreSQL
 * shared by every service, and the four packaged services as separate processes on free ports.
 */
final class TrainyardSystem implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private final List<ServiceProcess> services = new ArrayList<>();
    private final String apiKey = randomKey();
    private final String builderKey = randomKey();
    private final TraceCollector traces = TraceCollector.start();
    private ServiceProcess batchApi;
    private ServiceProcess builder;

    /** Starts broker, database and services, and returns once every service reports ready. */
    static TrainyardSystem start(Path root, Path workDir) throws IOException {
        TrainyardSystem system = new TrainyardSystem();
        Runtime.getRuntime().addShutdownHook(new Thread(system::close, "e2e-services-stop"));
        try {
            system.startAll(root, workDir);
        } catch (RuntimeException | IOException | Error e) {
            system.printLogs();
            system.close();
            throw e;
        }
        return system;
    }

    private void startAll(Path root, Path workDir) throws IOException {
        String kafka = InJvmKafka.bootstrapServers();
        createTopics(kafka, root);
        EmbeddedPostgresDatabase.Database db = EmbeddedPostgresDatabase.newDatabase("trainyard_e2e");
        Map<String, String> common = new HashMap<>(commonEnv(kafka, db));
        common.putAll(tracingEnv(traces));
        Path logs = workDir.resolve("logs");

        int simulatorPort = freePort();
        int batchApiPort = freePort();
        ServiceProcess simulator = launch(root, "claude-simulator", simulatorPort, common, Map.of(), logs);
        batchApi = launch(root, "batch-api", batchApiPort, common, apiKeysEnv(), logs);
        launch(root, "generation-worker", freePort(), common, workerEnv(simulator), logs);
        builder = launch(root, "training-file-builder", freePort(), common, builderEnv(batchApiPort, workDir), logs);

        for (ServiceProcess service : services) {
            await(service.name() + " ready")
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(service::isReady);
        }
    }

    private ServiceProcess launch(
            Path root, String module, int port, Map<String, String> common, Map<String, String> own, Path logs)
            throws IOException {
        Map<String, String> env = new HashMap<>(common);
        env.putAll(own);
        ServiceProcess service = ServiceProcess.start(root, module, port, env, logs);
        services.add(service);
        return service;
    }

    private static Map<String, String> commonEnv(String kafka, EmbeddedPostgresDatabase.Database db) {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "TRAINYARD_DB_HOST", db.host(),
                "TRAINYARD_DB_PORT", Integer.toString(db.port()),
                "TRAINYARD_DB_NAME", db.name(),
                "TRAINYARD_DB_USER", db.user(),
                "TRAINYARD_DB_PASSWORD", db.password());
    }

    /** Tracing as in production (OTLP exporter, sampling every trace), exporting to the test's collector. */
    private static Map<String, String> tracingEnv(TraceCollector collector) {
        return Map.of(
                "OTEL_SDK_DISABLED", "false",
                "OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(),
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                // Export within a fraction of a second instead of every 5 s, so the test waits less.
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
    }

    private Map<String, String> apiKeysEnv() {
        String keys = "e2e:" + ApiKeys.sha256Hex(apiKey) + ",trainyard-builder:" + ApiKeys.sha256Hex(builderKey);
        return Map.of("TRAINYARD_API_KEYS", keys);
    }

    private static Map<String, String> workerEnv(ServiceProcess simulator) {
        return Map.of("TRAINYARD_CLAUDE_BASE_URL", simulator.baseUrl());
    }

    private Map<String, String> builderEnv(int batchApiPort, Path workDir) {
        Map<String, String> env = new HashMap<>(apiKeysEnv());
        env.put("TRAINYARD_BATCH_API_URL", "http://127.0.0.1:" + batchApiPort);
        env.put("TRAINYARD_BATCH_API_KEY", builderKey);
        env.put("TRAINYARD_STORAGE_DIR", workDir.resolve("training-files").toString());
        return env;
    }

    /** The topics exactly as deploy/local creates them, from the same list (deploy/local/topics.conf). */
    private static void createTopics(String kafka, Path root) throws IOException {
        List<NewTopic> topics = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("deploy/local/topics.conf"))) {
            String[] fields = line.strip().split("\\s+");
            if (fields[0].isEmpty() || fields[0].startsWith("#")) {
                continue;
            }
            NewTopic topic = new NewTopic(fields[0], Integer.parseInt(fields[1]), (short) 1);
            topics.add(topic.configs(Map.of("cleanup.policy", fields[2])));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            for (NewTopic topic : topics) {
                createTopic(admin, topic);
            }
        }
    }

    private static void createTopic(Admin admin, NewTopic topic) {
        try {
            admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomKey() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    TrainyardApi api() {
        return new TrainyardApi(batchApi.baseUrl(), builder.baseUrl(), apiKey);
    }

    TraceCollector traces() {
        return traces;
    }

    List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    /** Prints each service's last log lines: the first thing to read when an end-to-end run fails. */
    void printLogs() {
        for (ServiceProcess service : services) {
            System.out.println("===== " + service.name() + " (alive: " + service.isAlive() + ", full log: "
                    + service.log() + ") =====");
            System.out.println(service.tail(120));
        }
    }

    @Override
    public synchronized void close() {
        for (ServiceProcess service : services) {
            service.close();
        }
        traces.close();
    }
}
