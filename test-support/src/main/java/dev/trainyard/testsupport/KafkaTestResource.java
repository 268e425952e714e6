package dev.trainyard.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at the in-JVM Kafka broker. Use with
 * {@code @QuarkusTestResource(KafkaTestResource.class)}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", InJvmKafka.bootstrapServers());
    }

    @Override
    public void stop() {
        // The broker is shared by every test class of the JVM and stops with it.
    }
}
