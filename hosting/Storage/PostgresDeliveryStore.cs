using Npgsql;
using NpgsqlTypes;
using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Contracts.Events;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Grains.Validation;

namespace Qase.Webhooks.Hosting.Storage;

/// <summary>
/// The outbox in PostgreSQL. It is called from grains but is not grain code, so its awaits leave the grain's
/// scheduler. Every batch is one statement over arrays (<c>unnest</c>), and what must change
/// together (an event, its deliveries and its idempotency key) changes in one transaction, which concurrent
/// publishes share (<see cref="PublishGroupCommit"/>).
/// </summary>
public sealed class PostgresDeliveryStore(NpgsqlDataSource dataSource) : IDeliveryStore
{
    private const int PurgeBatch = 1000;

    private const string DeliveryColumns =
        "d.delivery_id, d.webhook_key, d.event_id, d.event_name, d.status, d.attempt_count, d.created_at, " +
        "d.last_attempt_at, d.next_attempt_at, d.response_status, d.duration_ms, d.error";

    // The status column holds DeliveryStatus values; the statements name them through these.
    private const int Pending = (int)DeliveryStatus.Pending;
    private const int Failed = (int)DeliveryStatus.Failed;

    private readonly PublishGroupCommit _publishing = new(dataSource);

    // Deliveries claimed here refer to their event's one body: a fan-out's claims read ids, not a body per delivery.
    private readonly EventBodies _bodies = new();

    public async Task<IReadOnlyList<PublishOutcome>> Publish(string projectKey, IReadOnlyList<StoredEvent> events, DateTimeOffset now)
    {
        var outcomes = await _publishing.Publish(projectKey, events, now).ConfigureAwait(false);
        for (var i = 0; i < events.Count; i++)
        {
            if (!outcomes[i].Repeat && events[i].Deliveries.Count > 0)
            {
                _bodies.Share(events[i].EventId, events[i].Body); // the webhooks woken next claim it from here
            }
        }
        return outcomes;
    }

    public async Task<IReadOnlyList<PendingDelivery>> FindDue(string webhookKey, DateTimeOffset now, int limit, IReadOnlyCollection<string> exclude)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT d.delivery_id, d.event_name, d.event_id, d.attempt_count, e.trace_context
            FROM qase_deliveries d JOIN qase_events e ON e.event_id = d.event_id
            WHERE d.webhook_key = @key AND d.status = {Pending} AND d.next_attempt_at <= @now AND NOT (d.delivery_id = ANY(@exclude))
            ORDER BY d.next_attempt_at
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("key", webhookKey);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("exclude", exclude.ToArray());
        command.Parameters.AddWithValue("limit", limit);
        var due = new List<ClaimedRow>();
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                due.Add(new ClaimedRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), NullableString(reader, 4)));
            }
        }
        return await WithBodies(due).ConfigureAwait(false);
    }

    public async Task<(PendingDelivery Delivery, DateTimeOffset DueAt)?> FirstInOrder(string webhookKey)
    {
        // accepted_order is assigned as the publish writes its deliveries; the qase_deliveries_ordered index finds the head.
        await using var command = dataSource.CreateCommand($"""
            SELECT d.delivery_id, d.event_name, d.event_id, d.attempt_count, e.trace_context, d.next_attempt_at
            FROM qase_deliveries d JOIN qase_events e ON e.event_id = d.event_id
            WHERE d.webhook_key = @key AND d.status = {Pending}
            ORDER BY d.accepted_order
            LIMIT 1
            """);
        command.Parameters.AddWithValue("key", webhookKey);
        ClaimedRow row;
        DateTimeOffset dueAt;
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            if (!await reader.ReadAsync().ConfigureAwait(false))
            {
                return null;
            }
            row = new ClaimedRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), NullableString(reader, 4));
            dueAt = reader.GetFieldValue<DateTimeOffset>(5);
        }
        // Its event gone in between (the webhook was deleted) leaves no first delivery.
        return await WithBodies([row]).ConfigureAwait(false) is [var first] ? (first, dueAt) : null;
    }

    // Bodies this silo holds are shared; the others are read in one statement, once per event, and shared from then on.
    private async Task<IReadOnlyList<PendingDelivery>> WithBodies(IReadOnlyList<ClaimedRow> rows)
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        List<string>? missing = null;
        foreach (var row in rows)
        {
            if (!found.ContainsKey(row.EventId))
            {
                if (_bodies.TryGet(row.EventId, out var body))
                {
                    found[row.EventId] = body;
                }
                else if (!(missing ??= []).Contains(row.EventId))
                {
                    missing.Add(row.EventId);
                }
            }
        }
        if (missing is not null)
        {
            await using var command = dataSource.CreateCommand("SELECT event_id, body FROM qase_events WHERE event_id = ANY(@ids)");
            command.Parameters.AddWithValue("ids", missing.ToArray());
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                var eventId = reader.GetString(0);
                found[eventId] = _bodies.Share(eventId, reader.GetFieldValue<byte[]>(1));
            }
        }
        // An event deleted in between (its webhook was deleted) leaves nothing to send: its deliveries went with it.
        return [.. rows.Where(r => found.ContainsKey(r.EventId))
            .Select(r => new PendingDelivery(r.DeliveryId, r.EventName, found[r.EventId], r.AttemptCount, r.TraceContext))];
    }

    public async Task<DateTimeOffset?> NextDue(string webhookKey, IReadOnlyCollection<string> exclude)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT min(next_attempt_at) FROM qase_deliveries WHERE webhook_key = @key AND status = {Pending} AND NOT (delivery_id = ANY(@exclude))");
        command.Parameters.AddWithValue("key", webhookKey);
        command.Parameters.AddWithValue("exclude", exclude.ToArray());
        return await command.ExecuteScalarAsync().ConfigureAwait(false) is DateTime value ? new DateTimeOffset(value, TimeSpan.Zero) : null;
    }

    public async Task Record(IReadOnlyList<AttemptOutcome> outcomes)
    {
        // One statement for the whole batch: move the deliveries on, and log the attempts of those still there.
        // A delivery failed meanwhile (its webhook was disabled) keeps its status: the attempt is only logged.
        await using var command = dataSource.CreateCommand($"""
            WITH o AS (
                SELECT * FROM unnest(@ids, @keys, @statuses, @next, @at, @response_status, @duration, @error, @body, @url)
                    AS o(delivery_id, webhook_key, status, next_at, at, response_status, duration_ms, error, response_body, url)),
            moved AS (
                UPDATE qase_deliveries d
                SET status = CASE WHEN d.status = {Pending} THEN o.status ELSE d.status END,
                    next_attempt_at = CASE WHEN d.status = {Pending} THEN o.next_at ELSE d.next_attempt_at END,
                    error = CASE WHEN d.status = {Pending} THEN o.error ELSE d.error END,
                    attempt_count = d.attempt_count + 1, last_attempt_at = o.at, response_status = o.response_status,
                    duration_ms = o.duration_ms
                FROM o WHERE d.delivery_id = o.delivery_id AND d.webhook_key = o.webhook_key
                RETURNING d.delivery_id)
            INSERT INTO qase_attempts (delivery_id, at, response_status, duration_ms, error, response_body, url)
            SELECT o.delivery_id, o.at, o.response_status, o.duration_ms, o.error, o.response_body, o.url
            FROM o JOIN moved ON moved.delivery_id = o.delivery_id
            """);
        command.Parameters.AddWithValue("ids", outcomes.Select(o => o.DeliveryId).ToArray());
        command.Parameters.AddWithValue("keys", outcomes.Select(o => o.WebhookKey).ToArray());
        command.Parameters.AddWithValue("statuses", outcomes.Select(o => (short)o.Status).ToArray());
        command.Parameters.Add(new NpgsqlParameter("next", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = outcomes.Select(o => o.NextAttemptAt).ToArray() });
        command.Parameters.AddWithValue("at", outcomes.Select(o => o.Attempt.At).ToArray());
        command.Parameters.Add(new NpgsqlParameter("response_status", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = outcomes.Select(o => o.Attempt.ResponseStatus).ToArray() });
        command.Parameters.AddWithValue("duration", outcomes.Select(o => o.Attempt.DurationMs).ToArray());
        command.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = outcomes.Select(o => Text(o.Attempt.Error)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("body", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = outcomes.Select(o => Text(o.Attempt.ResponseBody)).ToArray() });
        command.Parameters.AddWithValue("url", outcomes.Select(o => o.Attempt.Url).ToArray());
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task<int> FailPending(string webhookKey, string error, DateTimeOffset now)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE qase_deliveries SET status = {Failed}, next_attempt_at = NULL, error = @error WHERE webhook_key = @key AND status = {Pending}");
        command.Parameters.AddWithValue("key", webhookKey);
        command.Parameters.AddWithValue("error", Text(error)!);
        return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task DeleteWebhook(string webhookKey)
    {
        await using var command = dataSource.CreateCommand("""
            DELETE FROM qase_paused_webhooks WHERE webhook_key = @key;
            WITH gone AS (DELETE FROM qase_deliveries WHERE webhook_key = @key RETURNING event_id)
            SELECT DISTINCT event_id FROM gone
            """);
        command.Parameters.AddWithValue("key", webhookKey);
        var events = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                events.Add(reader.GetString(0));
            }
        }
        await DeleteUnusedEvents(events);
    }

    public async Task<IReadOnlyList<string>> WebhooksWithDueWork(DateTimeOffset dueBefore, int limit)
    {
        // Oldest due first, so no webhook waits behind others for ever; paused webhooks are left out until their time.
        // The webhooks with pending rows are walked on the (webhook_key, next_attempt_at) index, one probe each, so a
        // pass costs the number of webhooks with a backlog, not the size of the backlog.
        await using var command = dataSource.CreateCommand($"""
            WITH RECURSIVE keys AS (
                (SELECT webhook_key FROM qase_deliveries WHERE status = {Pending} ORDER BY webhook_key LIMIT 1)
                UNION ALL
                SELECT (SELECT d.webhook_key FROM qase_deliveries d
                        WHERE d.status = {Pending} AND d.webhook_key > k.webhook_key ORDER BY d.webhook_key LIMIT 1)
                FROM keys k WHERE k.webhook_key IS NOT NULL)
            SELECT k.webhook_key
            FROM keys k
            CROSS JOIN LATERAL (SELECT min(d.next_attempt_at) AS due FROM qase_deliveries d
                                WHERE d.status = {Pending} AND d.webhook_key = k.webhook_key) m
            WHERE k.webhook_key IS NOT NULL AND m.due < @before
                AND NOT EXISTS (SELECT 1 FROM qase_paused_webhooks p WHERE p.webhook_key = k.webhook_key AND p.paused_until > @before)
            ORDER BY m.due
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("before", dueBefore);
        command.Parameters.AddWithValue("limit", limit);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            keys.Add(reader.GetString(0));
        }
        return keys;
    }

    public async Task Pause(string webhookKey, DateTimeOffset until)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO qase_paused_webhooks (webhook_key, paused_until) VALUES (@key, @until)
            ON CONFLICT (webhook_key) DO UPDATE SET paused_until = excluded.paused_until
            """);
        command.Parameters.AddWithValue("key", webhookKey);
        command.Parameters.AddWithValue("until", until);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task Resume(string webhookKey)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM qase_paused_webhooks WHERE webhook_key = @key");
        command.Parameters.AddWithValue("key", webhookKey);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task ResumeWorkspace(string workspaceId)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM qase_paused_webhooks WHERE starts_with(webhook_key, @prefix)");
        command.Parameters.AddWithValue("prefix", workspaceId + "/");
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task<DeliveryPage> List(string webhookKey, DeliveryQuery query)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {DeliveryColumns} FROM qase_deliveries d
            WHERE d.webhook_key = @key AND (@status::smallint IS NULL OR d.status = @status) AND (@cursor::text IS NULL OR d.delivery_id < @cursor)
            ORDER BY d.delivery_id DESC
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("key", webhookKey);
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Smallint) { Value = query.Status is { } s ? (short)s : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("cursor", NpgsqlDbType.Text) { Value = (object?)query.Cursor ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", query.Limit + 1);
        var page = new List<DeliveryRecord>();
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                page.Add(ReadRecord(reader));
            }
        }
        var next = page.Count > query.Limit ? page[query.Limit - 1].Id : null;
        return new DeliveryPage([.. page.Take(query.Limit)], next);
    }

    public async Task<StoredDelivery?> Get(string webhookKey, string deliveryId)
    {
        await using var batch = dataSource.CreateBatch();
        var delivery = new NpgsqlBatchCommand($"""
            SELECT {DeliveryColumns}, e.body FROM qase_deliveries d JOIN qase_events e ON e.event_id = d.event_id
            WHERE d.delivery_id = @id AND d.webhook_key = @key
            """);
        delivery.Parameters.AddWithValue("id", deliveryId);
        delivery.Parameters.AddWithValue("key", webhookKey);
        var attempts = new NpgsqlBatchCommand(
            "SELECT at, response_status, duration_ms, error, response_body, url FROM qase_attempts WHERE delivery_id = @id ORDER BY attempt_id");
        attempts.Parameters.AddWithValue("id", deliveryId);
        batch.BatchCommands.Add(delivery);
        batch.BatchCommands.Add(attempts);

        await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
        if (!await reader.ReadAsync().ConfigureAwait(false))
        {
            return null;
        }
        var record = ReadRecord(reader);
        var body = reader.GetFieldValue<byte[]>(12);
        await reader.NextResultAsync().ConfigureAwait(false);
        var list = new List<DeliveryAttempt>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            list.Add(new DeliveryAttempt(reader.GetFieldValue<DateTimeOffset>(0), NullableInt(reader, 1), reader.GetInt64(2),
                NullableString(reader, 3), NullableString(reader, 4), reader.GetString(5)));
        }
        return new StoredDelivery(record, body, list);
    }

    public async Task<bool> Requeue(string webhookKey, string deliveryId, DateTimeOffset now)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE qase_deliveries SET status = {Pending}, next_attempt_at = @now WHERE delivery_id = @id AND webhook_key = @key");
        command.Parameters.AddWithValue("id", deliveryId);
        command.Parameters.AddWithValue("key", webhookKey);
        command.Parameters.AddWithValue("now", now);
        return await command.ExecuteNonQueryAsync().ConfigureAwait(false) == 1;
    }

    public async Task<int> RequeueFailed(string webhookKey, DateTimeOffset since, DateTimeOffset now)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE qase_deliveries SET status = {Pending}, next_attempt_at = @now
            WHERE webhook_key = @key AND status = {Failed} AND NOT is_test AND created_at >= @since
            """);
        command.Parameters.AddWithValue("key", webhookKey);
        command.Parameters.AddWithValue("since", since);
        command.Parameters.AddWithValue("now", now);
        return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task AddFinished(string webhookKey, DeliveryRecord record, byte[] body, DeliveryAttempt attempt)
    {
        await using var command = dataSource.CreateCommand("""
            WITH e AS (
                INSERT INTO qase_events (event_id, project_key, event_name, body, created_at)
                VALUES (@event_id, @project, @event_name, @body, @created_at)),
            d AS (
                INSERT INTO qase_deliveries (delivery_id, webhook_key, event_id, event_name, status, is_test, attempt_count,
                    created_at, last_attempt_at, response_status, duration_ms, error)
                VALUES (@id, @key, @event_id, @event_name, @status, true, 1, @created_at, @at, @response_status, @duration, @error))
            INSERT INTO qase_attempts (delivery_id, at, response_status, duration_ms, error, response_body, url)
            VALUES (@id, @at, @response_status, @duration, @error, @response_body, @url)
            """);
        var (workspaceId, code, _) = GrainKeys.ParseWebhook(webhookKey);
        command.Parameters.AddWithValue("event_id", record.EventId);
        command.Parameters.AddWithValue("project", GrainKeys.Project(workspaceId, code));
        command.Parameters.AddWithValue("event_name", record.EventName);
        command.Parameters.AddWithValue("body", body);
        command.Parameters.AddWithValue("created_at", record.CreatedAt);
        command.Parameters.AddWithValue("id", record.Id);
        command.Parameters.AddWithValue("key", webhookKey);
        command.Parameters.AddWithValue("status", (short)record.Status);
        command.Parameters.AddWithValue("at", attempt.At);
        command.Parameters.Add(new NpgsqlParameter("response_status", NpgsqlDbType.Integer) { Value = (object?)attempt.ResponseStatus ?? DBNull.Value });
        command.Parameters.AddWithValue("duration", attempt.DurationMs);
        command.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)Text(attempt.Error) ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("response_body", NpgsqlDbType.Text) { Value = (object?)Text(attempt.ResponseBody) ?? DBNull.Value });
        command.Parameters.AddWithValue("url", attempt.Url);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<HourStats>> HourlyStats(string webhookKey, DateTimeOffset firstHour, int hours)
    {
        // Only deliveries attempted since the first hour can hold attempts in the window (the log index finds them).
        await using var command = dataSource.CreateCommand("""
            SELECT h.start,
                   count(a.at) FILTER (WHERE a.response_status BETWEEN 200 AND 299)::int,
                   count(a.at) FILTER (WHERE a.response_status IS NULL OR a.response_status NOT BETWEEN 200 AND 299)::int,
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY a.duration_ms),
                   percentile_disc(0.95) WITHIN GROUP (ORDER BY a.duration_ms)
            FROM generate_series(@first, @first + (@hours - 1) * interval '1 hour', interval '1 hour') AS h(start)
            LEFT JOIN (
                SELECT a.at, a.response_status, a.duration_ms
                FROM qase_deliveries d JOIN qase_attempts a ON a.delivery_id = d.delivery_id
                WHERE d.webhook_key = @key AND d.last_attempt_at >= @first
                  AND a.at >= @first AND a.at < @first + @hours * interval '1 hour'
            ) a ON a.at >= h.start AND a.at < h.start + interval '1 hour'
            GROUP BY h.start
            ORDER BY h.start
            """);
        command.Parameters.AddWithValue("key", webhookKey);
        command.Parameters.AddWithValue("first", firstHour);
        command.Parameters.AddWithValue("hours", hours);
        var stats = new List<HourStats>(hours);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            stats.Add(new HourStats(reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt32(1), reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetInt64(4)));
        }
        return stats;
    }

    public async Task<int> Purge(DateTimeOffset before, DateTimeOffset now)
    {
        // Small batches, each its own short transaction that skips rows other writers hold: the purge never blocks
        // publishing or recording, never waits on them, and a pass that stops half-way keeps what it did.
        var removed = 0;
        int batch;
        do
        {
            await using var command = dataSource.CreateCommand($"""
                WITH gone AS (
                    DELETE FROM qase_deliveries WHERE delivery_id IN (
                        SELECT delivery_id FROM qase_deliveries
                        WHERE status <> {Pending} AND coalesce(last_attempt_at, created_at) < @before
                        LIMIT @batch FOR UPDATE SKIP LOCKED)
                    RETURNING event_id)
                SELECT event_id FROM gone
                """);
            command.Parameters.AddWithValue("before", before);
            command.Parameters.AddWithValue("batch", PurgeBatch);
            var events = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
            {
                while (await reader.ReadAsync().ConfigureAwait(false))
                {
                    events.Add(reader.GetString(0));
                }
            }
            batch = events.Count;
            removed += batch;
            await DeleteUnusedEvents(events);
        }
        while (batch == PurgeBatch);

        do
        {
            await using var keys = dataSource.CreateCommand("""
                DELETE FROM qase_idempotency_keys WHERE (project_key, idempotency_key) IN (
                    SELECT project_key, idempotency_key FROM qase_idempotency_keys WHERE created_at <= @expired
                    LIMIT @batch FOR UPDATE SKIP LOCKED)
                """);
            keys.Parameters.AddWithValue("expired", now - EventLimits.IdempotencyWindow);
            keys.Parameters.AddWithValue("batch", PurgeBatch);
            batch = await keys.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        while (batch == PurgeBatch);
        return removed;
    }

    /// <summary>Removes those of these events that no delivery refers to any more.</summary>
    private async Task DeleteUnusedEvents(List<string> eventIds)
    {
        if (eventIds.Count == 0)
        {
            return;
        }
        await using var command = dataSource.CreateCommand("""
            DELETE FROM qase_events e WHERE e.event_id = ANY(@ids)
                AND NOT EXISTS (SELECT 1 FROM qase_deliveries d WHERE d.event_id = e.event_id)
            """);
        command.Parameters.AddWithValue("ids", eventIds.Distinct(StringComparer.Ordinal).ToArray());
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task<long> CountPending()
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM qase_deliveries WHERE status = {Pending}");
        return (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    private static DeliveryRecord ReadRecord(NpgsqlDataReader reader) => new(
        reader.GetString(0), GrainKeys.ParseWebhook(reader.GetString(1)).WebhookId, reader.GetString(2), reader.GetString(3),
        (DeliveryStatus)reader.GetInt16(4), reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6),
        NullableTime(reader, 7), NullableTime(reader, 8), NullableInt(reader, 9),
        reader.IsDBNull(10) ? null : reader.GetInt64(10), NullableString(reader, 11));

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);

    private static int? NullableInt(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);

    private static string? NullableString(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    // PostgreSQL refuses NUL in text: whatever reaches a text column goes through the one rule first.
    private static string? Text(string? value) => StoredText.Clean(value);
}
