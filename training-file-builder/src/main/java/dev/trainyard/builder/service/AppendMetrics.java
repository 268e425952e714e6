package dev.trainyard.builder.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * The builder's append meters, served in Prometheus format at {@code /q/metrics}:
 * {@code trainyard_append_seconds} (latency of a committed append: lock, write, fsync, record),
 * {@code trainyard_bytes_written_total}, {@code trainyard_lines_appended_total} and
 * {@code trainyard_conversations_appended_total}.
 */
@ApplicationScoped
public class AppendMetrics {

    private final Timer latency;
    private final Counter bytes;
    private final Counter lines;
    private final Counter conversations;

    public AppendMetrics(MeterRegistry registry) {
        this.latency = Timer.builder("trainyard.append")
                .description("Time of one committed append to a training file")
                .register(registry);
        this.bytes = Counter.builder("trainyard.bytes.written")
                // No base unit: Prometheus would append it to the name (trainyard_bytes_written_bytes_total).
                .description("Bytes appended to training files")
                .register(registry);
        this.lines = Counter.builder("trainyard.lines.appended")
                .description("JSONL lines appended to training files")
                .register(registry);
        this.conversations = Counter.builder("trainyard.conversations.appended")
                .description("Conversations appended to training files")
                .register(registry);
    }

    /** Meters that nobody scrapes, for an appender built outside CDI (the crash tests' own process). */
    static AppendMetrics detached() {
        return new AppendMetrics(new SimpleMeterRegistry());
    }

    /** One append committed after this many nanoseconds. */
    void appended(AppendResult result, long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        bytes.increment(result.bytesWritten());
        lines.increment(result.linesWritten());
        conversations.increment(result.appended());
    }
}
