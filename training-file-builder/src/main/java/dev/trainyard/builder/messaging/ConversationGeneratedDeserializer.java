package dev.trainyard.builder.messaging;

import dev.trainyard.model.ConversationGenerated;
import dev.trainyard.model.EventJson;
import io.quarkus.logging.Log;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads {@link ConversationGenerated} with the shared event settings (unknown fields ignored). A record that is
 * not such JSON becomes null: it is skipped with a warning rather than stopping the channel for good.
 */
public class ConversationGeneratedDeserializer implements Deserializer<ConversationGenerated> {

    @Override
    public ConversationGenerated deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return EventJson.mapper().readValue(data, ConversationGenerated.class);
        } catch (Exception e) {
            Log.warnf("skipping a record of %s that is not a ConversationGenerated event: %s", topic, e.getMessage());
            return null;
        }
    }
}
