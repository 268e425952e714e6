package dev.trainyard.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) running inside the test
 * JVM, from Apache Kafka's own test kit. One per JVM: tests share it and use their own topics or groups.
 */
public final class InJvmKafka {

    private static KafkaClusterTestKit cluster;

    private InJvmKafka() {}

    /** Starts the broker on first use and returns its bootstrap servers. */
    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            keepKafkaFromEndingTheJvm();
            cluster = start();
            Runtime.getRuntime().addShutdownHook(new Thread(InJvmKafka::stop, "in-jvm-kafka-stop"));
        }
        return cluster.bootstrapServers();
    }

    /**
     * Some runs ended with a non-zero exit of the test JVM right after every test had passed, while the shared
     * broker shut down (its log directory is deleted under it at JVM exit); a broker calls Exit.halt on errors
     * it deems fatal. A halt there would hide the test results, so it is reported instead.
     */
    private static void keepKafkaFromEndingTheJvm() {
        Exit.setHaltProcedure(
                (code, message) -> System.err.println("in-JVM Kafka asked to halt with " + code + ": " + message));
        Exit.setExitProcedure(
                (code, message) -> System.err.println("in-JVM Kafka asked to exit with " + code + ": " + message));
    }

    /** Creates the topics that do not exist yet, each with the given number of partitions. */
    public static void createTopics(int partitions, String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (String topic : topics) {
                createTopic(admin, new NewTopic(topic, partitions, (short) 1));
            }
        }
    }

    private static void createTopic(Admin admin, NewTopic topic) {
        try {
            admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic.name(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static KafkaClusterTestKit start() {
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            // Without these, consumer groups wait for a replication factor of 3 and a rebalance delay.
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "4")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-JVM Kafka broker", e);
        }
    }

    private static synchronized void stop() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception ignored) {
                // The JVM is exiting; the broker's temporary directories go with it.
            }
            cluster = null;
        }
    }
}
