package dev.trainyard.batch.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;

/**
 * Runs background work on a Vert.x context of its own in which nothing is traced. The SQL client traces every
 * query, so the relay's poll (every second) and clean-up would each start a trace of their own, and a round
 * started at the end of a request would be filed under that request. Under a parent that is not sampled, the
 * queries are neither recorded nor exported. Work that belongs to a trace names its parent explicitly, as the
 * relay does for every record it publishes.
 */
final class Untraced {

    /** A valid span context whose sampled flag is off: the parent-based sampler then samples no child. */
    private static final Context NOT_SAMPLED = Context.root()
            .with(Span.wrap(SpanContext.create(
                    "7472616e7961726400000000000000a1",
                    "72656c6179000001",
                    TraceFlags.getDefault(),
                    TraceState.getDefault())));

    private Untraced() {}

    static void run(Vertx vertx, Runnable work) {
        io.vertx.core.Context caller = vertx.getOrCreateContext();
        io.vertx.core.Context own = VertxContext.createNewDuplicatedContext(VertxContext.getRootContext(caller));
        own.runOnContext(ignored -> {
            // Never closed on purpose: the scope lives in this work's own context, which is dropped with it.
            NOT_SAMPLED.makeCurrent();
            work.run();
        });
    }
}
