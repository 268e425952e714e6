package dev.trainyard.builder.service;

import dev.trainyard.builder.config.BuilderConfig;
import dev.trainyard.builder.store.RejectedConversation;
import dev.trainyard.builder.store.TrainingFile;
import dev.trainyard.builder.store.TrainingFileRepository;
import dev.trainyard.builder.store.TrainingFileStorage;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Creates, finds and lists a tenant's training files, and says when one has grown past its thresholds. */
@ApplicationScoped
public class TrainingFileService {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_DESCRIPTION_LENGTH = 2000;

    private final TrainingFileRepository repository;
    private final TrainingFileStorage storage;
    private final BuilderConfig config;

    public TrainingFileService(TrainingFileRepository repository, TrainingFileStorage storage, BuilderConfig config) {
        this.repository = repository;
        this.storage = storage;
        this.config = config;
    }

    /** Validates and creates an empty file; the storage file exists before the row does. */
    public Uni<TrainingFile> create(
            String tenant, String name, String description, String format, Double validationFraction) {
        String checkedName = checkName(name);
        checkDescription(description);
        LineFormat lineFormat = checkFormat(format);
        double fraction = checkFraction(validationFraction);
        UUID id = UUID.randomUUID();
        return Uni.createFrom()
                .item(() -> {
                    storage.create(id);
                    return id;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(created ->
                        repository.insert(created, tenant, checkedName, description, lineFormat.wireName(), fraction))
                .invoke(file -> Log.infof("training file %s created (%s)", file.id(), file.format()));
    }

    public Uni<TrainingFile> find(String tenant, UUID id) {
        return repository.findForTenant(id, tenant).onItem().ifNull().failWith(() -> new TrainingFileNotFound(id));
    }

    public Uni<List<TrainingFile>> list(String tenant, int limit, long offset) {
        if (limit < 1 || limit > 500) {
            throw new InvalidInput("limit", "limit must be between 1 and 500");
        }
        if (offset < 0) {
            throw new InvalidInput("offset", "offset must not be negative");
        }
        return repository.list(tenant, limit, offset);
    }

    public Uni<List<RejectedConversation>> rejections(UUID fileId) {
        return repository.rejections(fileId, 1000);
    }

    /** Human-readable warnings for a file past the configured size or line thresholds. */
    public List<String> warningsFor(TrainingFile file) {
        List<String> warnings = new ArrayList<>();
        if (file.committedBytes() > config.warnings().sizeBytes()) {
            warnings.add("file is larger than " + config.warnings().sizeBytes()
                    + " bytes; some fine-tuning services refuse files this large");
        }
        if (file.lineCount() > config.warnings().lineCount()) {
            warnings.add("file has more than " + config.warnings().lineCount()
                    + " lines; some fine-tuning services refuse files this long");
        }
        if (file.rejectedCount() > 0) {
            warnings.add(file.rejectedCount() + " conversation(s) failed validation and were skipped");
        }
        return warnings;
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInput("name", "name is required");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidInput("name", "name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return name.trim();
    }

    private static void checkDescription(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new InvalidInput(
                    "description", "description must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
    }

    private static LineFormat checkFormat(String format) {
        if (format == null) {
            return LineFormat.OPENAI_CHAT;
        }
        return LineFormat.fromWireName(format)
                .orElseThrow(() -> new InvalidInput("format", "format must be one of " + LineFormat.allWireNames()));
    }

    private double checkFraction(Double fraction) {
        double value = fraction == null ? config.split().validationFraction() : fraction;
        if (Double.isNaN(value) || value < 0 || value > 0.5) {
            throw new InvalidInput("validationFraction", "validationFraction must be between 0 and 0.5");
        }
        return value;
    }
}
