-- Ordered webhooks send their deliveries in the order the project accepted the events. A sequence numbers each
-- delivery as the publish writes it; one project's publishes are written one after another, so the numbers follow
-- the order of acceptance within a batch and across batches. Deliveries written before this migration are
-- numbered by their creation time.
CREATE SEQUENCE qase_delivery_order AS bigint;

ALTER TABLE qase_deliveries ADD COLUMN accepted_order bigint;

UPDATE qase_deliveries d SET accepted_order = o.n
FROM (SELECT delivery_id, row_number() OVER (ORDER BY created_at, delivery_id) AS n FROM qase_deliveries) o
WHERE o.delivery_id = d.delivery_id;

SELECT setval('qase_delivery_order', coalesce((SELECT max(accepted_order) FROM qase_deliveries), 0) + 1, false);

ALTER TABLE qase_deliveries
    ALTER COLUMN accepted_order SET DEFAULT nextval('qase_delivery_order'),
    ALTER COLUMN accepted_order SET NOT NULL;

ALTER SEQUENCE qase_delivery_order OWNED BY qase_deliveries.accepted_order;

-- What an ordered webhook sends next: its first pending delivery in that order.
CREATE INDEX qase_deliveries_ordered ON qase_deliveries (webhook_key, accepted_order) WHERE status = 0;
