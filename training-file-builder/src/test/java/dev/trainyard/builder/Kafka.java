package dev.trainyard.builder;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.trainyard.model.ConversationGenerated;
import dev.trainyard.model.EventJson;
import dev.trainyard.model.Topics;
import dev.trainyard.testsupport.InJvmKafka;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Sends events as workers do: JSON of the common-model record, keyed by the target file id. */
public final class Kafka {

    private static KafkaCompanion companion;

    private Kafka() {}

    public static void send(ConversationGenerated event) {
        send(event, Map.of());
    }

    /** Sends the event with record headers, such as a W3C {@code traceparent}. */
    public static synchronized void send(ConversationGenerated event, Map<String, String> headers) {
        if (companion == null) {
            companion = new KafkaCompanion(InJvmKafka.bootstrapServers());
        }
        try {
            // ASCII escapes carry every char, even an unpaired surrogate a test sends on purpose.
            String json = EventJson.mapper()
                    .writer()
                    .with(JsonWriteFeature.ESCAPE_NON_ASCII)
                    .writeValueAsString(event);
            ProducerRecord<String, String> record = new ProducerRecord<>(
                    Topics.CONVERSATIONS_GENERATED, event.targetTrainingFileId().toString(), json);
            headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            companion.produceStrings().fromRecords(record).awaitCompletion(Duration.ofSeconds(10));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
