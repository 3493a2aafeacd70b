using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Contracts.Events;
using Qase.Webhooks.Grains.Delivery;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// An outbox that fails on purpose: each hot-path operation can be made to throw its next N calls, and
/// publishing can be made to answer late (after its commit), which is how a slow database looks to a grain.
/// Faults are armed for one project or webhook key, so tests sharing the store do not trip over each
/// other's. Everything else goes straight to the real store underneath.
/// </summary>
public sealed class FaultyDeliveryStore(IDeliveryStore inner) : IDeliveryStore
{
    private readonly Dictionary<(string Operation, string Key), int> _faults = [];
    private readonly Dictionary<string, TimeSpan> _publishDelays = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Operation, string Key), int> _calls = [];
    private readonly Dictionary<string, HeldAnswer<IReadOnlyList<PublishOutcome>>> _heldPublishes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HeldAnswer<IReadOnlyList<PendingDelivery>>> _heldClaims = new(StringComparer.Ordinal);
    private TaskCompletionSource _recording = Open();

    public IDeliveryStore Inner => inner;

    /// <summary>The next <paramref name="count"/> calls of <paramref name="operation"/> for <paramref name="key"/> throw.</summary>
    public void FailNext(string operation, string key, int count)
    {
        lock (_faults)
        {
            _faults[(operation, key)] = count;
        }
    }

    /// <summary>Publishes of the project commit, then answer only after <paramref name="delay"/>.</summary>
    public void DelayPublishAnswers(string projectKey, TimeSpan delay)
    {
        lock (_faults)
        {
            _publishDelays[projectKey] = delay;
        }
    }

    /// <summary>How many times <paramref name="operation"/> was called for <paramref name="key"/>.</summary>
    public int Calls(string operation, string key)
    {
        lock (_faults)
        {
            return _calls.GetValueOrDefault((operation, key));
        }
    }

    /// <summary>Publishes of the project commit, then answer only once the answer is opened.</summary>
    public HeldAnswer<IReadOnlyList<PublishOutcome>> HoldPublishAnswers(string projectKey)
    {
        lock (_faults)
        {
            return _heldPublishes[projectKey] = new HeldAnswer<IReadOnlyList<PublishOutcome>>();
        }
    }

    /// <summary>Claims of the webhook read the store at once, then answer only once the answer is opened: a slow query.</summary>
    public HeldAnswer<IReadOnlyList<PendingDelivery>> HoldClaims(string webhookKey)
    {
        lock (_faults)
        {
            return _heldClaims[webhookKey] = new HeldAnswer<IReadOnlyList<PendingDelivery>>();
        }
    }

    public async Task<IReadOnlyList<PublishOutcome>> Publish(string projectKey, IReadOnlyList<StoredEvent> events, DateTimeOffset now)
    {
        Fault(nameof(Publish), projectKey);
        var outcomes = await inner.Publish(projectKey, events, now);
        TimeSpan delay;
        HeldAnswer<IReadOnlyList<PublishOutcome>>? held;
        lock (_faults)
        {
            delay = _publishDelays.GetValueOrDefault(projectKey);
            held = _heldPublishes.GetValueOrDefault(projectKey);
        }
        if (held is not null)
        {
            outcomes = await held.Hold(outcomes);
        }
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay);
        }
        return outcomes;
    }

    public async Task<IReadOnlyList<PendingDelivery>> FindDue(string webhookKey, DateTimeOffset now, int limit, IReadOnlyCollection<string> exclude)
    {
        Fault(nameof(FindDue), webhookKey);
        HeldAnswer<IReadOnlyList<PendingDelivery>>? held;
        lock (_faults)
        {
            held = _heldClaims.GetValueOrDefault(webhookKey);
        }
        var due = await inner.FindDue(webhookKey, now, limit, exclude);
        return held is null ? due : await held.Hold(due);
    }

    /// <summary>Recording waits until <see cref="ResumeRecords"/>, so finished attempts gather into one batch.</summary>
    public void PauseRecords() => _recording = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ResumeRecords() => _recording.TrySetResult();

    public async Task Record(IReadOnlyList<AttemptOutcome> outcomes)
    {
        await _recording.Task;
        foreach (var key in outcomes.Select(o => o.WebhookKey).Distinct())
        {
            Fault(nameof(Record), key);
        }
        await inner.Record(outcomes);
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource();
        open.SetResult();
        return open;
    }

    public Task<DateTimeOffset?> NextDue(string webhookKey, IReadOnlyCollection<string> exclude) => inner.NextDue(webhookKey, exclude);

    public Task<(PendingDelivery Delivery, DateTimeOffset DueAt)?> FirstInOrder(string webhookKey)
    {
        Fault(nameof(FirstInOrder), webhookKey);
        return inner.FirstInOrder(webhookKey);
    }

    public Task Pause(string webhookKey, DateTimeOffset until) => inner.Pause(webhookKey, until);

    public Task Resume(string webhookKey) => inner.Resume(webhookKey);

    public Task ResumeWorkspace(string workspaceId) => inner.ResumeWorkspace(workspaceId);

    public Task<int> FailPending(string webhookKey, string error, DateTimeOffset now) => inner.FailPending(webhookKey, error, now);

    public Task DeleteWebhook(string webhookKey) => inner.DeleteWebhook(webhookKey);

    public Task<IReadOnlyList<string>> WebhooksWithDueWork(DateTimeOffset dueBefore, int limit) => inner.WebhooksWithDueWork(dueBefore, limit);

    public Task<DeliveryPage> List(string webhookKey, DeliveryQuery query) => inner.List(webhookKey, query);

    public Task<StoredDelivery?> Get(string webhookKey, string deliveryId) => inner.Get(webhookKey, deliveryId);

    public Task<bool> Requeue(string webhookKey, string deliveryId, DateTimeOffset now) => inner.Requeue(webhookKey, deliveryId, now);

    public Task<int> RequeueFailed(string webhookKey, DateTimeOffset since, DateTimeOffset now) => inner.RequeueFailed(webhookKey, since, now);

    public Task AddFinished(string webhookKey, DeliveryRecord record, byte[] body, DeliveryAttempt attempt) =>
        inner.AddFinished(webhookKey, record, body, attempt);

    public Task<int> Purge(DateTimeOffset before, DateTimeOffset now) => inner.Purge(before, now);

    public Task<long> CountPending() => inner.CountPending();

    public Task<IReadOnlyList<HourStats>> HourlyStats(string webhookKey, DateTimeOffset firstHour, int hours) =>
        inner.HourlyStats(webhookKey, firstHour, hours);

    private void Fault(string operation, string key)
    {
        lock (_faults)
        {
            _calls[(operation, key)] = _calls.GetValueOrDefault((operation, key)) + 1;
            if (!_faults.TryGetValue((operation, key), out var left) || left <= 0)
            {
                return;
            }
            _faults[(operation, key)] = left - 1;
        }
        throw new InjectedFaultException($"{operation} for {key} failed on purpose");
    }
}
