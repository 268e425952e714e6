-- Batches, their items (one generated conversation each) and the transactional outbox the relay publishes.
-- Counts are computed from items rather than kept as counters, so a replayed event can never skew them.

CREATE TABLE batch_api.batches (
    id                      uuid PRIMARY KEY,
    tenant                  text        NOT NULL,
    name                    text        NOT NULL,
    status                  text        NOT NULL,
    requested               integer     NOT NULL,
    parameters              jsonb       NOT NULL,
    target_training_file_id uuid,
    error_mode              text        NOT NULL DEFAULT 'continue',
    max_failure_rate        double precision,
    source                  text        NOT NULL DEFAULT 'http',
    status_reason           text,
    pause_reason            text,
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    started_at              timestamptz,
    finished_at             timestamptz
);

CREATE INDEX batches_tenant_created ON batch_api.batches (tenant, created_at DESC, id);

CREATE TABLE batch_api.items (
    id                uuid PRIMARY KEY,
    batch_id          uuid        NOT NULL REFERENCES batch_api.batches (id),
    tenant            text        NOT NULL,
    seq               integer     NOT NULL,
    status            text        NOT NULL,
    attempt           integer     NOT NULL DEFAULT 1,
    persona           text        NOT NULL,
    topic             text        NOT NULL,
    emotional_arc     text,
    model             text        NOT NULL,
    turns             integer     NOT NULL,
    max_tokens        integer     NOT NULL,
    conversation      jsonb,
    stop_reason       text,
    latency_ms        bigint,
    input_tokens      bigint      NOT NULL DEFAULT 0,
    output_tokens     bigint      NOT NULL DEFAULT 0,
    failure_reason    text,
    failure_message   text,
    raw_output        text,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    finished_at       timestamptz
);

CREATE INDEX items_batch_status ON batch_api.items (batch_id, status, seq);
CREATE INDEX items_tenant_finished ON batch_api.items (tenant, updated_at DESC, id);

-- One row per Kafka record to publish. Rows are written in the transaction that changes the state they
-- announce, and marked sent only after the broker acknowledged them (at-least-once).
CREATE TABLE batch_api.outbox (
    id         bigserial PRIMARY KEY,
    topic      text        NOT NULL,
    record_key text        NOT NULL,
    payload    text        NOT NULL,
    batch_id   uuid,
    item_id    uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at    timestamptz
);

CREATE INDEX outbox_unsent ON batch_api.outbox (id) WHERE sent_at IS NULL;
