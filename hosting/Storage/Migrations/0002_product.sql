-- The product's own tables: the delivery outbox (events, deliveries, attempts), the idempotency keys of
-- publishing, and the queue of owners' emails. Grain state lives in the Orleans tables; nothing here is a
-- copy of it.

-- One row per published event that has deliveries; the envelope is stored once and shared by them.
CREATE TABLE qase_events (
    event_id    text        PRIMARY KEY,
    project_key text        NOT NULL,
    event_name  text        NOT NULL,
    body        bytea       NOT NULL,
    created_at  timestamptz NOT NULL
);

-- status: 0 pending, 1 succeeded, 2 failed. Ids are time-ordered, so the log pages on delivery_id.
CREATE TABLE qase_deliveries (
    delivery_id     text        PRIMARY KEY,
    webhook_key     text        NOT NULL,
    event_id        text        NOT NULL REFERENCES qase_events (event_id),
    event_name      text        NOT NULL,
    status          smallint    NOT NULL,
    is_test         boolean     NOT NULL DEFAULT false,
    attempt_count   integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    last_attempt_at timestamptz,
    next_attempt_at timestamptz,
    response_status integer,
    duration_ms     bigint,
    error           text
);

CREATE INDEX qase_deliveries_log ON qase_deliveries (webhook_key, delivery_id DESC);
-- What a webhook has due, and what the sweep looks for: pending rows only, which stay few.
CREATE INDEX qase_deliveries_due ON qase_deliveries (webhook_key, next_attempt_at) WHERE status = 0;
CREATE INDEX qase_deliveries_sweep ON qase_deliveries (next_attempt_at) WHERE status = 0;
-- Retention removes finished deliveries by age.
CREATE INDEX qase_deliveries_finished ON qase_deliveries (last_attempt_at) WHERE status <> 0;

CREATE TABLE qase_attempts (
    attempt_id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id     text        NOT NULL REFERENCES qase_deliveries (delivery_id) ON DELETE CASCADE,
    at              timestamptz NOT NULL,
    response_status integer,
    duration_ms     bigint      NOT NULL,
    error           text,
    response_body   text,
    url             text        NOT NULL
);

CREATE INDEX qase_attempts_delivery ON qase_attempts (delivery_id, attempt_id);

-- A publisher's key answers its first answer for 24 hours; an expired row is replaced in place.
CREATE TABLE qase_idempotency_keys (
    project_key     text        NOT NULL,
    idempotency_key text        NOT NULL,
    event_id        text        NOT NULL,
    webhooks        integer     NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (project_key, idempotency_key)
);

CREATE INDEX qase_idempotency_keys_age ON qase_idempotency_keys (created_at);

-- Owners' emails stay until the SMTP server accepts them; due_at doubles as a lease while one is being sent.
CREATE TABLE qase_mail_outbox (
    mail_id    text        PRIMARY KEY,
    recipient  text        NOT NULL,
    subject    text        NOT NULL,
    text_body  text        NOT NULL,
    html_body  text        NOT NULL,
    created_at timestamptz NOT NULL,
    due_at     timestamptz NOT NULL,
    sent_at    timestamptz,
    attempts   integer     NOT NULL DEFAULT 0,
    last_error text
);

CREATE INDEX qase_mail_outbox_due ON qase_mail_outbox (due_at) WHERE sent_at IS NULL;
