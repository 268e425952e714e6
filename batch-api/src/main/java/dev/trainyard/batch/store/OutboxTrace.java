package dev.trainyard.batch.store;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The W3C trace context of the work that wrote an outbox row, kept with the row so the relay, which runs later
 * and elsewhere, can publish the record in the same trace. Both fields are null outside a trace.
 *
 * @param traceparent the {@code traceparent} header value, e.g. {@code 00-<trace id>-<span id>-01}
 * @param tracestate the {@code tracestate} header value, or null when the trace has none
 */
public record OutboxTrace(String traceparent, String tracestate) {

    public static final OutboxTrace NONE = new OutboxTrace(null, null);

    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";

    /** The context current on this thread (a request's server span, a consumer's span), or {@link #NONE}. */
    public static OutboxTrace current() {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        if (!carrier.containsKey(TRACEPARENT)) {
            return NONE;
        }
        return new OutboxTrace(carrier.get(TRACEPARENT), carrier.get(TRACESTATE));
    }

    /** The stored context as a parent for the publishing span; the root context when none was stored. */
    public Context toContext() {
        if (traceparent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), this, Getter.INSTANCE);
    }

    private enum Getter implements TextMapGetter<OutboxTrace> {
        INSTANCE;

        @Override
        public Iterable<String> keys(OutboxTrace carrier) {
            return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(OutboxTrace carrier, String key) {
            if (carrier == null) {
                return null;
            }
            return switch (key) {
                case TRACEPARENT -> carrier.traceparent();
                case TRACESTATE -> carrier.tracestate();
                default -> null;
            };
        }
    }
}
