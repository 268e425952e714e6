package dev.trainyard.builder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Everything a user may change about the training-file builder; each value has an env var (see README). */
@ConfigMapping(prefix = "trainyard")
public interface BuilderConfig {

    Storage storage();

    /** {@code tenant:sha256hex} pairs, comma-separated; empty means every /api call is refused. */
    Optional<String> apiKeys();

    Split split();

    Warnings warnings();

    Append append();

    BatchApi batchApi();

    /**
     * A named point where the builder stops dead, for crash tests only (see {@code FaultPoints}). Absent in
     * every real deployment.
     */
    Optional<String> faultPoint();

    interface Storage {
        /** Directory holding one {@code <file id>.jsonl} per training file (a Kubernetes volume in a cluster). */
        @WithDefault("./data/training-files")
        Path dir();
    }

    interface Split {
        /** Default share of conversations put in the validation set of a new file, from 0 to 0.5. */
        @WithDefault("0.1")
        double validationFraction();
    }

    interface Warnings {
        /** A file larger than this many bytes carries a warning. */
        @WithDefault("1073741824")
        long sizeBytes();

        /** A file with more lines than this carries a warning. */
        @WithDefault("1000000")
        long lineCount();
    }

    interface BatchApi {
        /** Base URL of batch-api, asked for conversations when files are extended by conversation id. */
        @WithDefault("http://127.0.0.1:8080")
        String url();

        /** This builder's own API key for batch-api (never logged). */
        Optional<String> key();

        /** How many conversations are fetched from batch-api at once. */
        @WithDefault("8")
        int concurrency();
    }

    interface Append {
        /** How many conversations one transaction (one fsync) appends when adding by id. */
        @WithDefault("200")
        int chunkSize();
    }
}
