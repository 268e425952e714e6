package dev.trainyard.worker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the packaged claude-simulator ({@code ../claude-simulator/target/quarkus-app/quarkus-run.jar}) as
 * its own process on a free port and points the worker at it, so the worker's tests cross real HTTP to
 * the same simulator the demo runs. The reactor builds the simulator first (test-scoped pom dependency).
 */
public class SimulatorProcessResource implements QuarkusTestResourceLifecycleManager {

    private static final Path JAR = Path.of("../claude-simulator/target/quarkus-app/quarkus-run.jar");
    private static String baseUrl;
    private Process process;

    /** The running simulator's base URL, for tests that read its stats or change its behaviour. */
    public static String baseUrl() {
        return baseUrl;
    }

    @Override
    public Map<String, String> start() {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException("build claude-simulator first: " + JAR.toAbsolutePath() + " is missing");
        }
        int port = freePort();
        Path log = Path.of("target", "simulator-" + port + ".log");
        List<String> command = new ArrayList<>(
                List.of(javaBinary(), "-Xmx256m", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"));
        command.addAll(simulatorSettings());
        command.addAll(List.of("-jar", JAR.toString()));
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the simulator", e);
        }
        baseUrl = "http://127.0.0.1:" + port;
        awaitReady(baseUrl + "/q/health/ready", log);
        return Map.of("trainyard.claude.base-url", baseUrl);
    }

    /** System properties the simulator starts with; fast latency keeps the tests short. */
    protected List<String> simulatorSettings() {
        return List.of("-Dsimulator.latency-ms=300");
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
        }
    }

    private void awaitReady(String url, Path log) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the simulator exited; see " + log.toAbsolutePath());
            }
            try {
                HttpURLConnection connection =
                        (HttpURLConnection) URI.create(url).toURL().openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            sleep(100);
        }
        throw new IllegalStateException("the simulator did not become ready; see " + log.toAbsolutePath());
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
