-- Training files: the JSONL on storage is the append-only source of truth; this schema holds how much
-- of it is committed (a crash between writing and committing leaves bytes past committed_bytes, which
-- the next append cuts off) and which conversations it already holds (exactly once).
CREATE TABLE files (
    id                           uuid PRIMARY KEY,
    tenant                       text             NOT NULL,
    name                         text             NOT NULL,
    description                  text,
    format                       text             NOT NULL,
    validation_fraction          double precision NOT NULL DEFAULT 0,
    committed_bytes              bigint           NOT NULL DEFAULT 0,
    line_count                   bigint           NOT NULL DEFAULT 0,
    conversation_count           bigint           NOT NULL DEFAULT 0,
    validation_line_count        bigint           NOT NULL DEFAULT 0,
    validation_conversation_count bigint          NOT NULL DEFAULT 0,
    estimated_tokens             bigint           NOT NULL DEFAULT 0,
    rejected_count               bigint           NOT NULL DEFAULT 0,
    created_at                   timestamptz      NOT NULL DEFAULT now(),
    last_append_at               timestamptz
);

CREATE INDEX files_by_tenant ON files (tenant, created_at DESC, id);

-- One row per conversation appended to a file; the primary key makes a second append of the same
-- conversation impossible whatever the redeliveries. Offsets let a split be streamed without parsing.
CREATE TABLE file_items (
    file_id         uuid        NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    conversation_id uuid        NOT NULL,
    byte_offset     bigint      NOT NULL,
    byte_length     bigint      NOT NULL,
    line_count      integer     NOT NULL,
    split           text        NOT NULL CHECK (split IN ('train', 'validation')),
    appended_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (file_id, conversation_id)
);

CREATE INDEX file_items_by_split ON file_items (file_id, split, byte_offset);

-- Conversations that failed the file format's validation: recorded with the reason, never written.
CREATE TABLE rejected_conversations (
    file_id         uuid        NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    conversation_id uuid        NOT NULL,
    reason          text        NOT NULL,
    rejected_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (file_id, conversation_id)
);
