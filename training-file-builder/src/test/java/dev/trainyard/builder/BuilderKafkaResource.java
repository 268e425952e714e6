package dev.trainyard.builder;

import dev.trainyard.model.Topics;
import dev.trainyard.testsupport.InJvmKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.apache.kafka.common.utils.Exit;

/** The in-JVM broker of test-support, with the builder's topic created before the application subscribes. */
public class BuilderKafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        keepKafkaFromEndingTheJvm();
        InJvmKafka.createTopics(4, Topics.CONVERSATIONS_GENERATED);
        return Map.of("kafka.bootstrap.servers", InJvmKafka.bootstrapServers());
    }

    /**
     * Some runs ended with a non-zero exit of the test JVM right after every test had passed, while the shared
     * broker shut down; a broker calls Exit.halt on errors it deems fatal, such as a log directory vanishing.
     * A halt here would hide the test results, so it is reported instead.
     */
    private static void keepKafkaFromEndingTheJvm() {
        Exit.setHaltProcedure(
                (code, message) -> System.err.println("in-JVM Kafka asked to halt with " + code + ": " + message));
        Exit.setExitProcedure(
                (code, message) -> System.err.println("in-JVM Kafka asked to exit with " + code + ": " + message));
    }

    @Override
    public void stop() {
        // The broker is shared by the whole test JVM and stops with it.
    }
}
