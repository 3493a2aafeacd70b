using Npgsql;
using NpgsqlTypes;
using Qase.Webhooks.Contracts.Events;
using Qase.Webhooks.Grains.Delivery;

namespace Qase.Webhooks.Hosting.Storage;

/// <summary>
/// Group commit for publishing: publishes that arrive while commits are in flight (single events and batches,
/// of any project) are collected and go out together in one transaction, so one <c>fsync</c> serves them all.
/// Up to <see cref="MaxCommitsInFlight"/> transactions commit at once on their own connections, so the next group
/// is written while the previous one waits for its flush, and a commit held up by a lock holds up no other.
/// Each caller is answered when the transaction holding its events has committed. A group that fails is
/// split and each publish tried alone, so one bad publish fails only its own caller.
/// </summary>
public sealed class PublishGroupCommit(NpgsqlDataSource dataSource)
{
    // A group stops growing here (at least one publish always goes): bounded statements, bounded memory.
    private const int MaxDeliveriesPerGroup = 50_000;

    // One group flushing while the next is written. At 1 000 single events/s four writers made groups of one event each,
    // four PostgreSQL backends busy on two cores and the longest waits to join; two make groups of about three.
    private const int MaxCommitsInFlight = 2;

    private readonly Lock _lock = new();
    private readonly Queue<Request> _waiting = new();
    private int _writers;

    public Task<IReadOnlyList<PublishOutcome>> Publish(string projectKey, IReadOnlyList<StoredEvent> events, DateTimeOffset now)
    {
        var request = new Request(projectKey, events, now);
        lock (_lock)
        {
            _waiting.Enqueue(request);
            if (_writers >= MaxCommitsInFlight)
            {
                return request.Answer.Task; // taken by the next group of a writer in flight
            }
            _writers++;
        }
        _ = Task.Run(WriteAll);
        return request.Answer.Task;
    }

    private async Task WriteAll()
    {
        while (true)
        {
            var group = new List<Request>();
            lock (_lock)
            {
                var deliveries = 0;
                while (_waiting.TryPeek(out var next) && (group.Count == 0 || deliveries + next.Deliveries <= MaxDeliveriesPerGroup))
                {
                    group.Add(_waiting.Dequeue());
                    deliveries += next.Deliveries;
                }
                if (group.Count == 0)
                {
                    _writers--;
                    return;
                }
            }
            try
            {
                await Commit(group).ConfigureAwait(false);
            }
            catch (Exception) when (group.Count > 1)
            {
                foreach (var request in group)
                {
                    await CommitAlone(request).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                group[0].Answer.TrySetException(ex);
            }
        }
    }

    private async Task CommitAlone(Request request)
    {
        try
        {
            await Commit([request]).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            request.Answer.TrySetException(ex);
        }
    }

    private async Task Commit(IReadOnlyList<Request> group)
    {
        // Flatten the group: event e of the group is events[e.Index] of request e.Request.
        var all = group.SelectMany((r, ri) => r.Events.Select((e, i) => (Request: ri, Index: i, Event: e))).ToList();
        var outcomes = group.Select(r => new PublishOutcome?[r.Events.Count]).ToArray();
        var firstWithKey = new Dictionary<(string Project, string Key), (int Request, int Index)>();
        var keyed = new List<(int Request, int Index, StoredEvent Event)>();
        foreach (var (ri, i, e) in all)
        {
            if (e.IdempotencyKey is not { } key)
            {
                continue;
            }
            if (firstWithKey.TryAdd((group[ri].ProjectKey, key), (ri, i)))
            {
                keyed.Add((ri, i, e));
            }
            else
            {
                outcomes[ri][i] = new PublishOutcome(new PublishedEvent("", 0), Repeat: true); // answered below from the first
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        // Without keys the group is one round trip: its statements go in one message and PostgreSQL runs them as one
        // implicit transaction, committed (and flushed) before it answers. Keys need their answers read in between.
        await using var transaction = keyed.Count > 0 ? await connection.BeginTransactionAsync().ConfigureAwait(false) : null;
        if (transaction is not null)
        {
            await ClaimKeys(connection, transaction, group, keyed, outcomes).ConfigureAwait(false);
        }

        var fresh = all.Where(x => outcomes[x.Request][x.Index] is null && x.Event.Deliveries.Count > 0).ToList();
        if (fresh.Count > 0)
        {
            // Each body once; every delivery of the group in one statement, referring to its event. Rows go in the
            // order accepted, so each takes its accepted_order (ordered webhooks follow it) in that order.
            await using var insert = new NpgsqlCommand("""
                INSERT INTO qase_events (event_id, project_key, event_name, body, created_at, trace_context)
                SELECT * FROM unnest(@event_ids, @projects, @event_names, @bodies, @created, @trace_contexts);
                INSERT INTO qase_deliveries (delivery_id, webhook_key, event_id, event_name, status, created_at, next_attempt_at)
                SELECT delivery_id, webhook_key, event_id, event_name, 0, created_at, created_at
                FROM unnest(@delivery_ids, @webhook_keys, @delivery_event_ids, @delivery_event_names, @delivery_created)
                    WITH ORDINALITY AS d(delivery_id, webhook_key, event_id, event_name, created_at, n)
                ORDER BY n;
                """, connection, transaction);
            var deliveries = fresh.SelectMany(x => x.Event.Deliveries.Select(d => (d.DeliveryId, d.WebhookKey, x.Event, group[x.Request].Now))).ToList();
            insert.Parameters.AddWithValue("event_ids", fresh.Select(x => x.Event.EventId).ToArray());
            insert.Parameters.AddWithValue("projects", fresh.Select(x => group[x.Request].ProjectKey).ToArray());
            insert.Parameters.AddWithValue("event_names", fresh.Select(x => x.Event.EventName).ToArray());
            insert.Parameters.Add(new NpgsqlParameter("bodies", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = fresh.Select(x => x.Event.Body).ToArray() });
            insert.Parameters.AddWithValue("created", fresh.Select(x => group[x.Request].Now).ToArray());
            insert.Parameters.Add(new NpgsqlParameter("trace_contexts", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = fresh.Select(x => x.Event.TraceContext).ToArray() });
            insert.Parameters.AddWithValue("delivery_ids", deliveries.Select(d => d.DeliveryId).ToArray());
            insert.Parameters.AddWithValue("webhook_keys", deliveries.Select(d => d.WebhookKey).ToArray());
            insert.Parameters.AddWithValue("delivery_event_ids", deliveries.Select(d => d.Event.EventId).ToArray());
            insert.Parameters.AddWithValue("delivery_event_names", deliveries.Select(d => d.Event.EventName).ToArray());
            insert.Parameters.AddWithValue("delivery_created", deliveries.Select(d => d.Now).ToArray());
            await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync().ConfigureAwait(false);
        }

        foreach (var (ri, i, e) in all)
        {
            outcomes[ri][i] ??= new PublishOutcome(new PublishedEvent(e.EventId, e.Deliveries.Count), Repeat: false);
        }
        // A key repeated inside the group answers what its first occurrence answered.
        foreach (var (ri, i, e) in all)
        {
            if (e.IdempotencyKey is { } key && firstWithKey[(group[ri].ProjectKey, key)] is var first && first != (ri, i))
            {
                outcomes[ri][i] = outcomes[first.Request][first.Index]! with { Repeat = true };
            }
        }
        for (var ri = 0; ri < group.Count; ri++)
        {
            group[ri].Answer.TrySetResult(outcomes[ri]!);
        }
    }

    // Keys first: a key this group wins is written with its answer before any of its events is. Keys go in sorted, so
    // transactions in flight together that share keys wait for each other in one order and never deadlock.
    private static async Task ClaimKeys(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Request> group,
        List<(int Request, int Index, StoredEvent Event)> keyed, PublishOutcome?[][] outcomes)
    {
        var won = new HashSet<(string, string)>();
        await using (var claim = new NpgsqlCommand("""
            INSERT INTO qase_idempotency_keys AS k (project_key, idempotency_key, event_id, webhooks, created_at)
            SELECT * FROM unnest(@projects, @keys, @event_ids, @webhooks, @created) AS u(p, k, e, w, c)
            ORDER BY u.p COLLATE "C", u.k COLLATE "C"
            ON CONFLICT (project_key, idempotency_key) DO UPDATE
                SET event_id = excluded.event_id, webhooks = excluded.webhooks, created_at = excluded.created_at
                WHERE k.created_at <= excluded.created_at - @window
            RETURNING project_key, idempotency_key
            """, connection, transaction))
        {
            claim.Parameters.AddWithValue("projects", keyed.Select(x => group[x.Request].ProjectKey).ToArray());
            claim.Parameters.AddWithValue("keys", keyed.Select(x => x.Event.IdempotencyKey!).ToArray());
            claim.Parameters.AddWithValue("event_ids", keyed.Select(x => x.Event.EventId).ToArray());
            claim.Parameters.AddWithValue("webhooks", keyed.Select(x => x.Event.Deliveries.Count).ToArray());
            claim.Parameters.AddWithValue("created", keyed.Select(x => group[x.Request].Now).ToArray());
            claim.Parameters.AddWithValue("window", EventLimits.IdempotencyWindow);
            await using var reader = await claim.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                won.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        var seen = keyed.Where(x => !won.Contains((group[x.Request].ProjectKey, x.Event.IdempotencyKey!))).ToList();
        if (seen.Count == 0)
        {
            return;
        }
        await using var read = new NpgsqlCommand("""
            SELECT k.project_key, k.idempotency_key, k.event_id, k.webhooks FROM qase_idempotency_keys k
            JOIN unnest(@projects, @keys) AS s(project_key, idempotency_key) USING (project_key, idempotency_key)
            """, connection, transaction);
        read.Parameters.AddWithValue("projects", seen.Select(x => group[x.Request].ProjectKey).ToArray());
        read.Parameters.AddWithValue("keys", seen.Select(x => x.Event.IdempotencyKey!).ToArray());
        var answers = new Dictionary<(string, string), PublishedEvent>();
        await using (var reader = await read.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                answers[(reader.GetString(0), reader.GetString(1))] = new PublishedEvent(reader.GetString(2), reader.GetInt32(3));
            }
        }
        foreach (var (ri, i, e) in seen)
        {
            outcomes[ri][i] = new PublishOutcome(answers[(group[ri].ProjectKey, e.IdempotencyKey!)], Repeat: true);
        }
    }

    private sealed class Request(string projectKey, IReadOnlyList<StoredEvent> events, DateTimeOffset now)
    {
        public string ProjectKey { get; } = projectKey;
        public IReadOnlyList<StoredEvent> Events { get; } = events;
        public DateTimeOffset Now { get; } = now;
        public int Deliveries { get; } = events.Sum(e => Math.Max(1, e.Deliveries.Count));
        public TaskCompletionSource<IReadOnlyList<PublishOutcome>> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
