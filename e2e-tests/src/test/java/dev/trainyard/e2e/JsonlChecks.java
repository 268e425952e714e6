package dev.trainyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Checks a downloaded training file line by line in Java, and with the team's independent validator
 * ({@code shared/tools/validate_jsonl.py}, beside the repository) when it is there.
 */
final class JsonlChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonlChecks() {}

    /** Every problem found, one entry per line at fault; empty when each line is a valid chat example. */
    static List<String> problems(Path file) throws IOException {
        List<String> problems = new ArrayList<>();
        byte[] raw = Files.readAllBytes(file);
        if (raw.length > 0 && raw[raw.length - 1] != '\n') {
            problems.add("no final newline");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            Optional<String> problem = lineProblem(lines.get(i));
            if (problem.isPresent()) {
                problems.add("line " + (i + 1) + ": " + problem.get());
            }
            if (!seen.add(lines.get(i))) {
                // Fine-tuning validators reject repeated examples: each conversation must appear once.
                problems.add("line " + (i + 1) + ": repeats an earlier line");
            }
        }
        return problems;
    }

    private static Optional<String> lineProblem(String line) {
        JsonNode messages;
        try {
            messages = JSON.readTree(line).path("messages");
        } catch (IOException e) {
            return Optional.of("not JSON");
        }
        if (!messages.isArray() || messages.size() < 3) {
            return Optional.of("no messages list of system, user and assistant");
        }
        if (!"system".equals(messages.get(0).path("role").asText())) {
            return Optional.of("first message is not the system prompt");
        }
        for (int i = 1; i < messages.size(); i++) {
            String expected = i % 2 == 1 ? "user" : "assistant";
            JsonNode message = messages.get(i);
            if (!expected.equals(message.path("role").asText())) {
                return Optional.of("message " + i + " should be " + expected);
            }
            if (message.path("content").asText().isBlank()) {
                return Optional.of("message " + i + " is empty");
            }
        }
        if (messages.size() % 2 == 0) {
            return Optional.of("the last message is not the assistant's");
        }
        return Optional.empty();
    }

    /** The team's validator: the shared original beside the repository when it is there, else the copy. */
    static Optional<Path> validator(Path repositoryRoot) {
        String configured = System.getenv("TRAINYARD_JSONL_VALIDATOR");
        if (configured != null) {
            return Files.isRegularFile(Path.of(configured)) ? Optional.of(Path.of(configured)) : Optional.empty();
        }
        // CI puts shared/ beside the clone; any other clone has the copy kept in deploy/tools.
        Path shared =
                repositoryRoot.resolve("../shared/tools/validate_jsonl.py").normalize();
        Path copy = repositoryRoot.resolve("deploy/tools/validate_jsonl.py");
        return Files.isRegularFile(shared)
                ? Optional.of(shared)
                : Optional.of(copy).filter(Files::isRegularFile);
    }

    /** Runs the validator on the file; returns its exit code and what it printed. */
    static ValidatorResult runValidator(Path validator, Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("python3", validator.toString(), file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new ValidatorResult(-1, output + "(timed out)");
        }
        return new ValidatorResult(process.exitValue(), output.strip());
    }

    record ValidatorResult(int exitCode, String output) {}
}
