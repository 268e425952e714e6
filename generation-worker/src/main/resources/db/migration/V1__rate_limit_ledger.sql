-- The ledger of the organisation's Claude rate limits, shared by every worker replica.
-- One row per call started in the last window(s): its start (database clock, the same for every
-- replica), its input tokens and its output tokens (max_tokens while running, real usage after).
CREATE TABLE rate_limit_call (
    id            BIGSERIAL PRIMARY KEY,
    started_at    TIMESTAMPTZ NOT NULL,
    input_tokens  BIGINT      NOT NULL,
    output_tokens BIGINT      NOT NULL
);
CREATE INDEX rate_limit_call_started_at ON rate_limit_call (started_at);

-- A pause every replica honours (a 429's retry-after). One row.
CREATE TABLE rate_limit_pause (
    id           INT PRIMARY KEY,
    paused_until TIMESTAMPTZ NOT NULL
);
INSERT INTO rate_limit_pause (id, paused_until) VALUES (1, 'epoch');
