package dev.trainyard.worker.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.model.EventJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Gives the application's one ObjectMapper the event settings every Trainyard service shares. */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        EventJson.configure(mapper);
    }
}
