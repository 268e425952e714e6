-- The W3C trace context (traceparent, tracestate) of the request that wrote each outbox row. The relay runs
-- later, outside that request, and publishes the row as a child of this context so one trace follows a
-- batch from the HTTP request through Kafka. Null for rows written outside a trace.
ALTER TABLE batch_api.outbox ADD COLUMN traceparent text, ADD COLUMN tracestate text;
