package dev.trainyard.builder.config;

import dev.trainyard.builder.store.FaultPoints;
import dev.trainyard.builder.store.LocalDirectoryStorage;
import dev.trainyard.builder.store.TrainingFileStorage;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Chooses the storage of training files; a local directory is the only kind so far. */
public class StorageProducer {

    @Produces
    @ApplicationScoped
    FaultPoints faultPoints(BuilderConfig config) {
        config.faultPoint()
                .ifPresent(point -> Log.warnf("fault point %s is armed: this builder is for crash tests", point));
        return new FaultPoints(config.faultPoint());
    }

    @Produces
    @ApplicationScoped
    TrainingFileStorage storage(BuilderConfig config, FaultPoints faults) {
        Log.infof("training files are stored in %s", config.storage().dir().toAbsolutePath());
        return new LocalDirectoryStorage(config.storage().dir(), faults);
    }
}
