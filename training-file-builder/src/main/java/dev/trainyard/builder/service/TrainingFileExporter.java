package dev.trainyard.builder.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.builder.store.ItemRange;
import dev.trainyard.builder.store.TrainingFile;
import dev.trainyard.builder.store.TrainingFileRepository;
import dev.trainyard.builder.store.TrainingFileStorage;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a file's committed bytes (all of them, or one side of the split) as JSONL or as a JSON document,
 * with a fixed-size buffer: memory does not depend on the file's size. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class TrainingFileExporter {

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int RANGES_PER_QUERY = 1000;
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TrainingFileStorage storage;
    private final TrainingFileRepository repository;

    public TrainingFileExporter(TrainingFileStorage storage, TrainingFileRepository repository) {
        this.storage = storage;
        this.repository = repository;
    }

    /** The committed lines, or only those of {@code split} when it is not null, as JSONL. */
    public void writeJsonl(TrainingFile file, String split, OutputStream out) throws IOException {
        if (split == null) {
            try (InputStream in = storage.read(file.id(), 0, file.committedBytes())) {
                copy(in, out, Long.MAX_VALUE);
            }
        } else {
            writeSplit(file, split, out);
        }
        out.flush();
    }

    /**
     * {@code {"id":..., ..., "conversations": [line, line, ...]}}: metadata first, then every JSONL line as an
     * array element, in file order.
     */
    public void writeJson(TrainingFile file, String split, OutputStream out) throws IOException {
        out.write(metadataPrefix(file, split));
        JsonArrayOfLines array = new JsonArrayOfLines(out);
        writeJsonl(file, split, array);
        out.write("\n]}\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void writeSplit(TrainingFile file, String split, OutputStream out) throws IOException {
        try (InputStream in = storage.read(file.id(), 0, file.committedBytes())) {
            long position = 0;
            long after = -1;
            List<ItemRange> ranges = nextRanges(file, split, after);
            while (!ranges.isEmpty()) {
                for (ItemRange range : ranges) {
                    skipFully(in, range.offset() - position);
                    copy(in, out, range.length());
                    position = range.offset() + range.length();
                    after = range.offset();
                }
                ranges = nextRanges(file, split, after);
            }
        }
    }

    private List<ItemRange> nextRanges(TrainingFile file, String split, long afterOffset) {
        // A worker thread may wait here: exports never run on an event loop.
        return repository
                .rangesOfSplit(file.id(), split, afterOffset, file.committedBytes(), RANGES_PER_QUERY)
                .await()
                .atMost(QUERY_TIMEOUT);
    }

    /** The metadata object without its closing brace, then the opening of the conversations array. */
    private static byte[] metadataPrefix(TrainingFile file, String split) throws IOException {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("id", file.id().toString());
        metadata.put("name", file.name());
        metadata.put("description", file.description());
        metadata.put("format", file.format());
        metadata.put("split", split == null ? "all" : split);
        metadata.put("lineCount", linesOf(file, split));
        metadata.put("conversationCount", conversationsOf(file, split));
        metadata.put("createdAt", String.valueOf(file.createdAt()));
        metadata.put(
                "lastAppendAt",
                file.lastAppendAt() == null ? null : file.lastAppendAt().toString());
        metadata.put("exportedAt", Instant.now().toString());
        String object = MAPPER.writeValueAsString(metadata);
        String open = object.substring(0, object.length() - 1) + ",\"conversations\":[";
        return open.getBytes(StandardCharsets.UTF_8);
    }

    private static long linesOf(TrainingFile file, String split) {
        if (split == null) {
            return file.lineCount();
        }
        return ValidationSplit.VALIDATION.equals(split)
                ? file.validationLineCount()
                : file.lineCount() - file.validationLineCount();
    }

    private static long conversationsOf(TrainingFile file, String split) {
        if (split == null) {
            return file.conversationCount();
        }
        return ValidationSplit.VALIDATION.equals(split)
                ? file.validationConversationCount()
                : file.conversationCount() - file.validationConversationCount();
    }

    private static void copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long left = limit;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return;
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skipFully(InputStream in, long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                throw new IOException("training file ends before its committed ranges");
            }
            left -= skipped;
        }
    }
}
