package dev.trainyard.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs the team's independent validator on a file: {@code shared/tools/validate_jsonl.py} beside the
 * repository when it is there (as in CI), else the copy kept in {@code deploy/tools/}.
 */
public final class JsonlValidator {

    private static final String SCRIPT = System.getProperty("trainyard.validator", locateScript());

    private JsonlValidator() {}

    /** The validator's verdict: exit code 0 means no error; {@code summary} is its JSON line. */
    public record Verdict(int exitCode, JsonNode summary) {

        public long lines() {
            return summary.path("lines").asLong(-1);
        }

        public JsonNode errors() {
            return summary.path("errors");
        }
    }

    private static String locateScript() {
        Path shared = Path.of("../../shared/tools/validate_jsonl.py");
        Path copy = Path.of("../deploy/tools/validate_jsonl.py");
        return (Files.isRegularFile(shared) ? shared : copy).toString();
    }

    public static Verdict validate(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        "python3", SCRIPT, file.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("validator did not finish");
        }
        String lastLine = output.substring(output.lastIndexOf('\n') + 1);
        return new Verdict(process.exitValue(), new ObjectMapper().readTree(lastLine));
    }
}
