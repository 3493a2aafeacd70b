-- The W3C trace context (traceparent) of the publish that recorded an event, when it was traced: attempts
-- made later (retries, the sweep's, redeliveries) start traces of their own that link back to it.
ALTER TABLE qase_events ADD COLUMN trace_context text;
