package dev.trainyard.builder.service;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One {@value #SPAN_NAME} span per append attempt, a child of the trace current when the append was asked for
 * (the consumed record's, or the HTTP request's), with the file and what the append added as attributes.
 */
@ApplicationScoped
public class AppendTracing {

    public static final String SPAN_NAME = "trainyard.append";

    static final AttributeKey<String> FILE_ID = AttributeKey.stringKey("trainyard.training_file.id");
    static final AttributeKey<Long> CONVERSATIONS = AttributeKey.longKey("trainyard.append.conversations");
    static final AttributeKey<Long> APPENDED = AttributeKey.longKey("trainyard.append.conversations_added");
    static final AttributeKey<Long> LINES = AttributeKey.longKey("trainyard.append.lines_added");
    static final AttributeKey<Long> BYTES = AttributeKey.longKey("trainyard.append.bytes_added");
    static final AttributeKey<Long> DUPLICATES = AttributeKey.longKey("trainyard.append.duplicates");

    private final Tracer tracer;

    public AppendTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** No spans, for an appender built outside CDI (the crash tests' own process). */
    static AppendTracing detached() {
        return new AppendTracing(OpenTelemetry.noop().getTracer(SPAN_NAME));
    }

    /**
     * Runs the append in a span. The parent is taken now, where the caller's trace is current; the span starts at
     * each subscription, so every retry of the returned Uni is a span of its own.
     */
    Uni<AppendResult> traced(UUID fileId, int conversations, Supplier<Uni<AppendResult>> append) {
        Context parent = Context.current();
        return Uni.createFrom().deferred(() -> {
            Span span = tracer.spanBuilder(SPAN_NAME)
                    .setParent(parent)
                    .setAttribute(FILE_ID, fileId.toString())
                    .setAttribute(CONVERSATIONS, (long) conversations)
                    .startSpan();
            return append.get()
                    .onItem()
                    .invoke(result -> describe(span, result))
                    .onFailure()
                    .invoke(failure -> failed(span, failure))
                    .onTermination()
                    .invoke(span::end);
        });
    }

    private static void describe(Span span, AppendResult result) {
        span.setAttribute(APPENDED, (long) result.appended());
        span.setAttribute(LINES, result.linesWritten());
        span.setAttribute(BYTES, result.bytesWritten());
        span.setAttribute(DUPLICATES, (long) result.duplicates());
    }

    private static void failed(Span span, Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
    }
}
