package dev.trainyard.builder;

import dev.trainyard.model.Topics;
import dev.trainyard.testsupport.InJvmKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** The in-JVM broker of test-support, with the builder's topic created before the application subscribes. */
public class BuilderKafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        InJvmKafka.createTopics(4, Topics.CONVERSATIONS_GENERATED);
        return Map.of("kafka.bootstrap.servers", InJvmKafka.bootstrapServers());
    }

    @Override
    public void stop() {
        // The broker is shared by the whole test JVM and stops with it.
    }
}
