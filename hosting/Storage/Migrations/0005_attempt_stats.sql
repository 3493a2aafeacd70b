-- A webhook's hourly stats read the deliveries attempted since the window began; this finds them without
-- reading the whole log of a busy webhook.
CREATE INDEX qase_deliveries_attempted ON qase_deliveries (webhook_key, last_attempt_at) WHERE last_attempt_at IS NOT NULL;
