package dev.trainyard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class RealInfrastructureTest {

    @Test
    void recordsProducedToTheInJvmBrokerAreConsumedBack() {
        InJvmKafka.createTopics(2, "smoke");
        try (KafkaCompanion companion = new KafkaCompanion(InJvmKafka.bootstrapServers())) {
            companion
                    .produceStrings()
                    .fromRecords(new ProducerRecord<>("smoke", "k", "hello"))
                    .awaitCompletion();

            ConsumerTask<String, String> consumed =
                    companion.consumeStrings().fromTopics("smoke", 1).awaitCompletion(Duration.ofSeconds(30));

            assertThat(consumed.getFirstRecord().value()).isEqualTo("hello");
        }
    }

    @Test
    void eachCallerGetsItsOwnEmptyDatabase() throws Exception {
        EmbeddedPostgresDatabase.Database first = EmbeddedPostgresDatabase.newDatabase("smoke");
        EmbeddedPostgresDatabase.Database second = EmbeddedPostgresDatabase.newDatabase("smoke");

        assertThat(first.name()).isNotEqualTo(second.name());
        try (Connection connection = DriverManager.getConnection(first.jdbcUrl(), first.user(), first.password());
                ResultSet rs = connection.createStatement().executeQuery("select current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(first.name());
        }
    }
}
