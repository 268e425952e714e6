package dev.trainyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainyard.e2e.TraceCollector.CollectedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The spans of one trace as the collector received them from every service, and questions about their tree. */
record CollectedTrace(String traceId, List<CollectedSpan> spans) {

    /** The spans a service exported with this kind and name. */
    List<CollectedSpan> spans(String service, SpanKind kind, String name) {
        return spans.stream()
                .filter(span -> span.service().equals(service))
                .filter(span -> span.kind() == kind)
                .filter(span -> span.name().equals(name))
                .toList();
    }

    CollectedSpan only(String service, SpanKind kind, String name) {
        List<CollectedSpan> found = spans(service, kind, name);
        assertThat(found).as("%s %s '%s' in %s", service, kind, name, this).hasSize(1);
        return found.get(0);
    }

    /** The spans whose chain of parents leads to {@code ancestor}. */
    List<CollectedSpan> below(CollectedSpan ancestor) {
        Map<String, CollectedSpan> byId =
                spans.stream().collect(Collectors.toMap(CollectedSpan::spanId, Function.identity(), (a, b) -> a));
        return spans.stream().filter(span -> hasAncestor(span, ancestor, byId)).toList();
    }

    private static boolean hasAncestor(CollectedSpan span, CollectedSpan ancestor, Map<String, CollectedSpan> byId) {
        for (CollectedSpan parent = byId.get(span.parentSpanId());
                parent != null;
                parent = byId.get(parent.parentSpanId())) {
            if (parent.spanId().equals(ancestor.spanId())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "trace " + traceId + " of " + spans.size() + " spans:\n"
                + spans.stream().map(CollectedSpan::toString).collect(Collectors.joining("\n"));
    }
}
