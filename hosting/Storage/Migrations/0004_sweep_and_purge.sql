-- What the sweep and the retention purge need at scale.

-- An event's deliveries are looked up when the event is removed; without this every removal reads the table.
CREATE INDEX qase_deliveries_event ON qase_deliveries (event_id);

-- The purge takes finished deliveries by age, in small batches; one failed before any attempt has no last_attempt_at.
CREATE INDEX qase_deliveries_finished_age ON qase_deliveries ((coalesce(last_attempt_at, created_at))) WHERE status <> 0;
DROP INDEX qase_deliveries_finished;

-- Webhooks that cannot send now (a free plan's, a disabled one): the sweep leaves them alone until paused_until,
-- so that their due rows, always the oldest, do not take every pass. Upgrading or enabling removes the row.
CREATE TABLE qase_paused_webhooks (
    webhook_key  text        PRIMARY KEY,
    paused_until timestamptz NOT NULL
);

-- A disabling whose owner mail is not queued yet. Written before the disabling and removed once the mail is
-- queued, so the sweep finds a mail owed by a webhook that nothing activates any more.
CREATE TABLE qase_owed_mails (
    webhook_key text        PRIMARY KEY,
    owed_at     timestamptz NOT NULL
);

CREATE INDEX qase_owed_mails_age ON qase_owed_mails (owed_at);
