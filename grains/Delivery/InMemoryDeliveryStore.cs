using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Contracts.Events;
using Qase.Webhooks.Contracts.Projects;

namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// The outbox of the embedded mode: the same contract as the PostgreSQL store, held in this process
/// (nothing survives a restart). One lock guards it; every operation is short and does no I/O.
/// </summary>
public sealed class InMemoryDeliveryStore : IDeliveryStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (byte[] Body, string? TraceContext)> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _deliveries = new(StringComparer.Ordinal);
    // Each webhook's delivery ids in id order (the order they were made, so nearly always appended): the log pages on it.
    private readonly Dictionary<string, List<string>> _byWebhook = new(StringComparer.Ordinal);
    // Pending deliveries of each webhook in the order they fall due: a claim reads the front, never the whole backlog.
    private readonly Dictionary<string, SortedSet<Entry>> _pendingByWebhook = new(StringComparer.Ordinal);
    // The same, in the order their events were accepted: what an ordered webhook sends next is the front. Made on a
    // webhook's first ordered claim and kept from then on, so the unordered majority pays for one order, not two.
    private readonly Dictionary<string, SortedSet<Entry>> _pendingInOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Project, string Key), (PublishedEvent Answer, DateTimeOffset At)> _keys = [];
    private readonly Dictionary<string, DateTimeOffset> _pausedUntil = new(StringComparer.Ordinal);
    private long _accepted; // the acceptance order of deliveries, which ordered webhooks follow

    public Task<IReadOnlyList<PublishOutcome>> Publish(string projectKey, IReadOnlyList<StoredEvent> events, DateTimeOffset now)
    {
        var outcomes = new List<PublishOutcome>(events.Count);
        lock (_lock)
        {
            foreach (var e in events)
            {
                if (e.IdempotencyKey is { } key)
                {
                    if (_keys.TryGetValue((projectKey, key), out var seen) && now - seen.At < EventLimits.IdempotencyWindow)
                    {
                        outcomes.Add(new PublishOutcome(seen.Answer, Repeat: true));
                        continue;
                    }
                }
                var answer = new PublishedEvent(e.EventId, e.Deliveries.Count);
                if (e.IdempotencyKey is { } newKey)
                {
                    _keys[(projectKey, newKey)] = (answer, now);
                }
                if (e.Deliveries.Count > 0)
                {
                    _events[e.EventId] = (e.Body, e.TraceContext);
                }
                foreach (var (deliveryId, webhookKey) in e.Deliveries)
                {
                    var entry = new Entry(deliveryId, webhookKey, e.EventId, e.EventName, now) { Sequence = ++_accepted };
                    _deliveries[deliveryId] = entry;
                    AddId(webhookKey, deliveryId);
                    SetStatus(entry, DeliveryStatus.Pending, now);
                }
                outcomes.Add(new PublishOutcome(answer, Repeat: false));
            }
        }
        return Task.FromResult<IReadOnlyList<PublishOutcome>>(outcomes);
    }

    public Task<IReadOnlyList<PendingDelivery>> FindDue(string webhookKey, DateTimeOffset now, int limit, IReadOnlyCollection<string> exclude)
    {
        lock (_lock)
        {
            // Every claim of a fan-out comes here: one walk from the front of the due order, past what the caller holds.
            var due = new List<PendingDelivery>(Math.Min(limit, 64));
            if (limit > 0 && _pendingByWebhook.TryGetValue(webhookKey, out var pending))
            {
                foreach (var d in pending)
                {
                    if (d.NextAttemptAt > now)
                    {
                        break;
                    }
                    if (exclude.Contains(d.Id))
                    {
                        continue;
                    }
                    var (body, traceContext) = _events[d.EventId];
                    due.Add(new PendingDelivery(d.Id, d.EventName, body, d.AttemptCount, traceContext));
                    if (due.Count == limit)
                    {
                        break;
                    }
                }
            }
            return Task.FromResult<IReadOnlyList<PendingDelivery>>(due);
        }
    }

    public Task<(PendingDelivery Delivery, DateTimeOffset DueAt)?> FirstInOrder(string webhookKey)
    {
        lock (_lock)
        {
            var first = InOrder(webhookKey)?.Min;
            return Task.FromResult<(PendingDelivery, DateTimeOffset)?>(first is null
                ? null
                : (new PendingDelivery(first.Id, first.EventName, _events[first.EventId].Body, first.AttemptCount, _events[first.EventId].TraceContext),
                    first.NextAttemptAt!.Value));
        }
    }

    public Task<DateTimeOffset?> NextDue(string webhookKey, IReadOnlyCollection<string> exclude)
    {
        lock (_lock)
        {
            return Task.FromResult(Pending(webhookKey, exclude).FirstOrDefault()?.NextAttemptAt);
        }
    }

    public Task Record(IReadOnlyList<AttemptOutcome> outcomes)
    {
        lock (_lock)
        {
            foreach (var outcome in outcomes)
            {
                if (!_deliveries.TryGetValue(outcome.DeliveryId, out var d) || d.WebhookKey != outcome.WebhookKey)
                {
                    continue; // deleted with its webhook while the attempt was in flight
                }
                d.AddAttempt(outcome.Attempt);
                d.AttemptCount++;
                d.LastAttemptAt = outcome.Attempt.At;
                d.ResponseStatus = outcome.Attempt.ResponseStatus;
                d.DurationMs = outcome.Attempt.DurationMs;
                if (d.Status == DeliveryStatus.Pending)
                {
                    // Failed meanwhile (its webhook was disabled): the attempt is logged, the delivery stays failed.
                    SetStatus(d, outcome.Status, outcome.NextAttemptAt);
                    d.Error = outcome.Attempt.Error;
                }
            }
        }
        return Task.CompletedTask;
    }

    public Task<int> FailPending(string webhookKey, string error, DateTimeOffset now)
    {
        lock (_lock)
        {
            var pending = Pending(webhookKey, []).ToList();
            foreach (var d in pending)
            {
                SetStatus(d, DeliveryStatus.Failed, null);
                d.Error = error;
            }
            return Task.FromResult(pending.Count);
        }
    }

    public Task DeleteWebhook(string webhookKey)
    {
        lock (_lock)
        {
            _pendingByWebhook.Remove(webhookKey);
            _pendingInOrder.Remove(webhookKey);
            _pausedUntil.Remove(webhookKey);
            if (_byWebhook.Remove(webhookKey, out var ids))
            {
                foreach (var id in ids)
                {
                    _deliveries.Remove(id);
                }
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> WebhooksWithDueWork(DateTimeOffset dueBefore, int limit)
    {
        lock (_lock)
        {
            IReadOnlyList<string> keys = [.. _pendingByWebhook
                .Where(w => !(_pausedUntil.TryGetValue(w.Key, out var until) && until > dueBefore))
                .Select(w => (w.Key, Due: w.Value.Min!.NextAttemptAt))
                .Where(w => w.Due < dueBefore)
                .OrderBy(w => w.Due)
                .Select(w => w.Key)
                .Take(limit)];
            return Task.FromResult(keys);
        }
    }

    public Task Pause(string webhookKey, DateTimeOffset until)
    {
        lock (_lock)
        {
            _pausedUntil[webhookKey] = until;
        }
        return Task.CompletedTask;
    }

    public Task Resume(string webhookKey)
    {
        lock (_lock)
        {
            _pausedUntil.Remove(webhookKey);
        }
        return Task.CompletedTask;
    }

    public Task ResumeWorkspace(string workspaceId)
    {
        lock (_lock)
        {
            foreach (var key in _pausedUntil.Keys.Where(k => k.StartsWith(workspaceId + "/", StringComparison.Ordinal)).ToList())
            {
                _pausedUntil.Remove(key);
            }
        }
        return Task.CompletedTask;
    }

    public Task<DeliveryPage> List(string webhookKey, DeliveryQuery query)
    {
        lock (_lock)
        {
            var ids = _byWebhook.GetValueOrDefault(webhookKey) ?? [];
            // Newest first, from just before the cursor: found by binary search, not by walking the whole log.
            var end = query.Cursor is null ? ids.Count : LowerBound(ids, query.Cursor);
            var page = Enumerable.Range(0, end)
                .Select(i => _deliveries[ids[end - 1 - i]])
                .Where(d => query.Status is null || d.Status == query.Status)
                .Take(query.Limit + 1)
                .Select(d => d.ToRecord())
                .ToList();
            var next = page.Count > query.Limit ? page[query.Limit - 1].Id : null;
            return Task.FromResult(new DeliveryPage(page.Take(query.Limit).ToList(), next));
        }
    }

    public Task<StoredDelivery?> Get(string webhookKey, string deliveryId)
    {
        lock (_lock)
        {
            return Task.FromResult(_deliveries.TryGetValue(deliveryId, out var d) && d.WebhookKey == webhookKey
                ? new StoredDelivery(d.ToRecord(), _events[d.EventId].Body, [.. d.Attempts])
                : null);
        }
    }

    public Task<bool> Requeue(string webhookKey, string deliveryId, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_deliveries.TryGetValue(deliveryId, out var d) || d.WebhookKey != webhookKey)
            {
                return Task.FromResult(false);
            }
            SetStatus(d, DeliveryStatus.Pending, now);
            return Task.FromResult(true);
        }
    }

    public Task<int> RequeueFailed(string webhookKey, DateTimeOffset since, DateTimeOffset now)
    {
        lock (_lock)
        {
            var failed = (_byWebhook.GetValueOrDefault(webhookKey) ?? [])
                .Select(id => _deliveries[id])
                .Where(d => d.Status == DeliveryStatus.Failed && !d.IsTest && d.CreatedAt >= since)
                .ToList();
            foreach (var d in failed)
            {
                SetStatus(d, DeliveryStatus.Pending, now);
            }
            return Task.FromResult(failed.Count);
        }
    }

    public Task AddFinished(string webhookKey, DeliveryRecord record, byte[] body, DeliveryAttempt attempt)
    {
        lock (_lock)
        {
            _events[record.EventId] = (body, null);
            _deliveries[record.Id] = new Entry(record.Id, webhookKey, record.EventId, record.EventName, record.CreatedAt)
            {
                IsTest = true,
                Sequence = ++_accepted,
                Status = record.Status,
                AttemptCount = 1,
                LastAttemptAt = attempt.At,
                ResponseStatus = attempt.ResponseStatus,
                DurationMs = attempt.DurationMs,
                Error = attempt.Error,
            };
            _deliveries[record.Id].AddAttempt(attempt);
            AddId(webhookKey, record.Id);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<HourStats>> HourlyStats(string webhookKey, DateTimeOffset firstHour, int hours)
    {
        var end = firstHour.AddHours(hours);
        DeliveryAttempt[] attempts;
        lock (_lock)
        {
            attempts = [.. (_byWebhook.GetValueOrDefault(webhookKey) ?? [])
                .Select(id => _deliveries[id])
                .Where(d => d.LastAttemptAt >= firstHour)
                .SelectMany(d => d.Attempts)
                .Where(a => a.At >= firstHour && a.At < end)];
        }
        var byHour = attempts.ToLookup(a => (int)((a.At - firstHour).Ticks / TimeSpan.TicksPerHour));
        IReadOnlyList<HourStats> stats = [.. Enumerable.Range(0, hours).Select(h =>
        {
            var hour = byHour[h].ToList();
            var durations = hour.Select(a => a.DurationMs).Order().ToArray();
            var succeeded = hour.Count(a => a.ResponseStatus is >= 200 and <= 299);
            return new HourStats(firstHour.AddHours(h), succeeded, hour.Count - succeeded,
                NearestRank(durations, 0.50), NearestRank(durations, 0.95));
        })];
        return Task.FromResult(stats);
    }

    public Task<int> Purge(DateTimeOffset before, DateTimeOffset now)
    {
        lock (_lock)
        {
            var old = _deliveries.Values
                .Where(d => d.Status != DeliveryStatus.Pending && (d.LastAttemptAt ?? d.CreatedAt) < before)
                .ToList();
            foreach (var d in old)
            {
                _deliveries.Remove(d.Id);
            }
            foreach (var webhook in old.Select(d => d.WebhookKey).Distinct(StringComparer.Ordinal))
            {
                _byWebhook[webhook].RemoveAll(id => !_deliveries.ContainsKey(id));
            }
            var live = _deliveries.Values.Select(d => d.EventId).ToHashSet(StringComparer.Ordinal);
            foreach (var eventId in _events.Keys.Where(id => !live.Contains(id)).ToList())
            {
                _events.Remove(eventId);
            }
            foreach (var key in _keys.Where(k => now - k.Value.At >= EventLimits.IdempotencyWindow).Select(k => k.Key).ToList())
            {
                _keys.Remove(key);
            }
            return Task.FromResult(old.Count);
        }
    }

    public Task<long> CountPending()
    {
        lock (_lock)
        {
            return Task.FromResult((long)_pendingByWebhook.Values.Sum(ids => ids.Count));
        }
    }

    // Nearest rank, as PostgreSQL's percentile_disc: the smallest value with at least p of the values at or below it.
    private static long? NearestRank(long[] sorted, double p) =>
        sorted.Length == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private void AddId(string webhookKey, string deliveryId)
    {
        if (!_byWebhook.TryGetValue(webhookKey, out var ids))
        {
            _byWebhook[webhookKey] = ids = [];
        }
        if (ids.Count == 0 || string.CompareOrdinal(ids[^1], deliveryId) < 0)
        {
            ids.Add(deliveryId);
        }
        else
        {
            ids.Insert(LowerBound(ids, deliveryId), deliveryId); // made earlier than one already logged (a test delivery alongside a publish)
        }
    }

    // The index of the first id not before <paramref name="id"/>.
    private static int LowerBound(List<string> ids, string id)
    {
        int lo = 0, hi = ids.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(ids[mid], id) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private SortedSet<Entry>? InOrder(string webhookKey)
    {
        if (!_pendingInOrder.TryGetValue(webhookKey, out var inOrder) && _pendingByWebhook.TryGetValue(webhookKey, out var pending))
        {
            _pendingInOrder[webhookKey] = inOrder = new SortedSet<Entry>(pending, AcceptanceOrder.Instance);
        }
        return inOrder;
    }

    private IEnumerable<Entry> Pending(string webhookKey, IReadOnlyCollection<string> exclude) =>
        (_pendingByWebhook.GetValueOrDefault(webhookKey) ?? []).Where(d => !exclude.Contains(d.Id));

    private void SetStatus(Entry delivery, DeliveryStatus status, DateTimeOffset? nextAttemptAt)
    {
        // The due order is keyed by NextAttemptAt: out of the set before it changes, back in after.
        _pendingByWebhook.TryGetValue(delivery.WebhookKey, out var pending);
        _pendingInOrder.TryGetValue(delivery.WebhookKey, out var inOrder);
        if (delivery.Status == DeliveryStatus.Pending && delivery.NextAttemptAt is not null)
        {
            pending?.Remove(delivery);
            inOrder?.Remove(delivery);
        }
        delivery.Status = status;
        delivery.NextAttemptAt = status == DeliveryStatus.Pending ? nextAttemptAt : null;
        if (status == DeliveryStatus.Pending)
        {
            if (pending is null)
            {
                _pendingByWebhook[delivery.WebhookKey] = pending = new SortedSet<Entry>(DueOrder.Instance);
            }
            pending.Add(delivery);
            inOrder?.Add(delivery);
        }
        else if (pending is { Count: 0 })
        {
            _pendingByWebhook.Remove(delivery.WebhookKey);
            _pendingInOrder.Remove(delivery.WebhookKey);
        }
    }

    private sealed class DueOrder : IComparer<Entry>
    {
        public static DueOrder Instance { get; } = new();

        public int Compare(Entry? x, Entry? y)
        {
            var byDue = Nullable.Compare(x!.NextAttemptAt, y!.NextAttemptAt);
            return byDue != 0 ? byDue : string.CompareOrdinal(x.Id, y.Id);
        }
    }

    private sealed class AcceptanceOrder : IComparer<Entry>
    {
        public static AcceptanceOrder Instance { get; } = new();

        public int Compare(Entry? x, Entry? y) => x!.Sequence.CompareTo(y!.Sequence);
    }

    private sealed class Entry(string id, string webhookKey, string eventId, string eventName, DateTimeOffset createdAt)
    {
        public string Id { get; } = id;
        public string WebhookKey { get; } = webhookKey;
        public string EventId { get; } = eventId;
        public string EventName { get; } = eventName;
        public DateTimeOffset CreatedAt { get; } = createdAt;
        public bool IsTest { get; init; }
        public long Sequence { get; init; }
        public DeliveryStatus Status { get; set; }
        public int AttemptCount { get; set; }
        public DateTimeOffset? LastAttemptAt { get; set; }
        public DateTimeOffset? NextAttemptAt { get; set; }
        public int? ResponseStatus { get; set; }
        public long? DurationMs { get; set; }
        public string? Error { get; set; }
        // Oldest first; most deliveries have one attempt, and a pending one none yet: no list until the first.
        public DeliveryAttempt[] Attempts { get; private set; } = [];

        public void AddAttempt(DeliveryAttempt attempt) => Attempts = [.. Attempts, attempt];

        public DeliveryRecord ToRecord() => new(
            Id, GrainKeys.ParseWebhook(WebhookKey).WebhookId, EventId, EventName, Status, AttemptCount, CreatedAt,
            LastAttemptAt, NextAttemptAt, ResponseStatus, DurationMs, Error);
    }
}
