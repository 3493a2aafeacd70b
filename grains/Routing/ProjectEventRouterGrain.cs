using Qase.Webhooks.Contracts.Events;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Routing;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Contracts.Workspaces;
using Qase.Webhooks.Grains.Clock;
using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Grains.Metrics;
using Qase.Webhooks.Grains.Tracing;
using Qase.Webhooks.Grains.Storage;
using Qase.Webhooks.Grains.Validation;
using Qase.Webhooks.Grains.Webhooks;
using Qase.Webhooks.Grains.Workspaces;

namespace Qase.Webhooks.Grains.Routing;

public sealed class ProjectEventRouterGrain(
    [PersistentState("router", StorageNames.Default)] IPersistentState<RouterState> state,
    IDeliveryStore store,
    ServiceMetrics metrics,
    PayloadSchemas schemas,
    TimeProvider clock) : Grain, IProjectEventRouterGrain, IProjectRoutesGrain
{
    // Event type to the enabled webhooks that take it, rebuilt from the stored routes after every write.
    private Dictionary<string, Subscriber[]> _subscribers = [];
    // Each webhook's key and reference, made once: a rebuild of the index makes them only for new webhooks.
    private Dictionary<string, Subscriber> _subscriberById = new(StringComparer.Ordinal);
    // The routes as changed so far, ahead of storage while a write is in flight; the stored ones are the last write's.
    private Dictionary<string, WebhookRoute> _routes = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, WebhookRoute> _stored = new Dictionary<string, WebhookRoute>();
    // The write that will carry the changes made since the one in flight began; its callers wait for it.
    private TaskCompletionSource? _nextWrite;
    private bool _writing;
    private bool _clearPending;
    private string _workspaceId = "";
    private string _code = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_workspaceId, _code) = GrainKeys.ParseProject(this.GetPrimaryKeyString());
        _routes = new Dictionary<string, WebhookRoute>(state.State.Routes, StringComparer.Ordinal);
        _stored = state.State.Routes;
        RebuildIndex();
        return Task.CompletedTask;
    }

    public async Task<PublishedEvent> PublishOne(EventSubmission submission) => (await Publish([submission], single: true))[0];

    public Task<IReadOnlyList<PublishedEvent>> Publish(IReadOnlyList<EventSubmission> events) => Publish(events, single: false);

    private async Task<IReadOnlyList<PublishedEvent>> Publish(IReadOnlyList<EventSubmission> events, bool single)
    {
        using var span = ServiceTelemetry.StartRoute(this.GetPrimaryKeyString(), events.Count);
        Validate(events, single, schemas);
        var plan = await GrainFactory.GetGrain<IWorkspacePlanGrain>(_workspaceId).GetProjectPlan(_code)
            ?? throw RequestRejectedException.NotFound($"Project {_code}");
        var paid = PlanGuard.IncludesWebhooks(plan);

        // The index as it is now: the deliveries are written for these webhooks, and these are the ones woken.
        var subscribers = _subscribers;
        var now = clock.UtcNowMs();
        var traceContext = ServiceTelemetry.CurrentContext();
        var stored = events.Select(e => new StoredEvent(
            ResourceId.New("evt"),
            e.EventName!,
            EventEnvelope.Build(e.EventName!, e.Timestamp ?? now.ToUnixTimeSeconds(), e.Payload.Span, e.TeamMemberId, _code),
            e.IdempotencyKey,
            paid
                ? [.. (subscribers.GetValueOrDefault(e.EventName!) ?? []).Select(s => (ResourceId.New("dlv"), s.WebhookKey))]
                : [],
            traceContext)).ToList();

        // One write for the whole batch, and it is durable before anyone is answered.
        IReadOnlyList<PublishOutcome> outcomes;
        using (ServiceTelemetry.StartStore(stored.Sum(e => e.Deliveries.Count)))
        {
            outcomes = await store.Publish(this.GetPrimaryKeyString(), stored, now);
        }

        await HandOver(stored, outcomes, subscribers);
        metrics.Published(outcomes.Count(o => !o.Repeat));
        return [.. outcomes.Select(o => o.Answer)];
    }

    // The deliveries are committed: each webhook gets its own with the wake, what it needs to send them without asking
    // the store again (it still claims from there when it cannot take them safely). Per event type, then per subscriber:
    // a batch of one type fanned out to a thousand webhooks is a thousand handoffs, each webhook looked up once.
    private async Task HandOver(List<StoredEvent> stored, IReadOnlyList<PublishOutcome> outcomes, Dictionary<string, Subscriber[]> subscribers)
    {
        var byName = new Dictionary<string, List<StoredEvent>>(StringComparer.Ordinal);
        for (var i = 0; i < stored.Count; i++)
        {
            if (!outcomes[i].Repeat && stored[i].Deliveries.Count > 0)
            {
                (byName.TryGetValue(stored[i].EventName, out var named) ? named : byName[stored[i].EventName] = []).Add(stored[i]);
            }
        }
        // A share larger than the webhook's window is handed over too: its pump leaves it to the store and notes its ids,
        // so that the claims that take them later expect no handoff of them.
        var handoffs = new Dictionary<string, (Subscriber Subscriber, List<PendingDelivery> Deliveries)>(StringComparer.Ordinal);
        foreach (var (name, named) in byName)
        {
            // Each event's deliveries were made from this same list of subscribers, one each, in its order.
            var eventSubscribers = subscribers[name];
            for (var j = 0; j < eventSubscribers.Length; j++)
            {
                var subscriber = eventSubscribers[j];
                if (!handoffs.TryGetValue(subscriber.WebhookKey, out var handoff))
                {
                    handoff = (subscriber, new List<PendingDelivery>(named.Count));
                    handoffs.Add(subscriber.WebhookKey, handoff);
                }
                foreach (var e in named)
                {
                    handoff.Deliveries.Add(new PendingDelivery(e.Deliveries[j].DeliveryId, name, e.Body, 0, e.TraceContext));
                }
            }
        }
        foreach (var (subscriber, deliveries) in handoffs.Values)
        {
            // One-way: a slow webhook never holds up the router or the others.
            await subscriber.Delivery.Deliver(deliveries);
        }
    }

    public Task Upsert(WebhookRoute route)
    {
        if (Same(_routes, route) && Same(_stored, route))
        {
            return Task.CompletedTask;
        }
        _routes[route.WebhookId] = route;
        return Persist();
    }

    public Task Remove(string webhookId) =>
        _routes.Remove(webhookId) || _stored.ContainsKey(webhookId) ? Persist() : Task.CompletedTask;

    public async Task<IReadOnlyList<Webhook>> ListWebhooks()
    {
        var webhooks = await Task.WhenAll(_routes.Keys.Select(id =>
            GrainFactory.GetGrain<IWebhookGrain>(GrainKeys.Webhook(_workspaceId, _code, id)).Get()));
        return [.. webhooks.OfType<Webhook>().OrderBy(w => w.CreatedAt).ThenBy(w => w.Id, StringComparer.Ordinal)];
    }

    public Task<IReadOnlyList<string>> GetWebhookIds() =>
        Task.FromResult<IReadOnlyList<string>>([.. _routes.Keys.Order(StringComparer.Ordinal)]);

    public Task<IReadOnlyList<string>> GetSubscribers(string eventName) =>
        Task.FromResult<IReadOnlyList<string>>([.. (_subscribers.GetValueOrDefault(eventName) ?? []).Select(s => s.WebhookId)]);

    public async Task<IReadOnlyList<string>> Detach()
    {
        var ids = _routes.Keys.ToList();
        _routes.Clear();
        _clearPending = true;
        await Persist();
        return ids;
    }

    /// <summary>
    /// Answers once a write that began after this call has stored the routes. Upserts and removals that arrive while a
    /// write is in flight all ride the next one: one commit for every webhook of the project created meanwhile.
    /// </summary>
    private Task Persist()
    {
        var next = _nextWrite ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_writing)
        {
            _ = WriteQueued();
        }
        return next.Task;
    }

    // One write at a time, each carrying every change made before it began; it runs on the grain's turn, between requests.
    private async Task WriteQueued()
    {
        _writing = true;
        try
        {
            while (_nextWrite is { } batch)
            {
                _nextWrite = null;
                var clear = _clearPending && _routes.Count == 0;
                _clearPending = false;
                var previous = state.State;
                state.State = new RouterState { Routes = new Dictionary<string, WebhookRoute>(_routes, StringComparer.Ordinal) };
                try
                {
                    if (clear)
                    {
                        await state.ClearStateAsync();
                        state.State = new RouterState();
                    }
                    else
                    {
                        await state.WriteStateAsync();
                    }
                    _stored = state.State.Routes;
                    RebuildIndex();
                    batch.SetResult();
                }
                catch (Exception ex)
                {
                    state.State = previous; // the changes stay in _routes, and the next write carries them
                    batch.SetException(ex);
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }

    private static bool Same(IReadOnlyDictionary<string, WebhookRoute> routes, WebhookRoute route) =>
        routes.TryGetValue(route.WebhookId, out var current) && current.Enabled == route.Enabled && current.Events.SequenceEqual(route.Events);

    /// <param name="single">One event published on its own: its fields are named as sent (<c>payload</c>), not <c>events[0].payload</c>.</param>
    /// <param name="schemas">The payload schemas, which check a payload only when <c>Events:ValidatePayloads</c> is on.</param>
    private static void Validate(IReadOnlyList<EventSubmission> events, bool single, PayloadSchemas schemas)
    {
        var errors = new ValidationErrors();
        var tooLarge = new ValidationErrors();
        if (events.Count is 0 or > EventLimits.MaxBatchEvents)
        {
            errors.Add("events", $"must hold 1 to {EventLimits.MaxBatchEvents} events.");
        }
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var prefix = single ? "" : $"events[{i}].";
            var known = FieldRules.EventName(errors, $"{prefix}event_name", e.EventName);
            var payload = e.Payload.Span;
            // The REST API read the payload as an object along with its request; anything else is read here, once.
            if (payload.IsEmpty || (!e.PayloadReadAsObject && !EventEnvelope.IsJsonObject(payload)))
            {
                errors.Add($"{prefix}payload", "is required and must be a JSON object.");
            }
            else if (payload.Length > EventLimits.MaxEventBytes)
            {
                tooLarge.Add($"{prefix}payload", $"must be at most {EventLimits.MaxEventBytes / 1024} KiB.");
            }
            else if (known && schemas.Enabled)
            {
                schemas.Check(errors, $"{prefix}payload", e.EventName!, payload);
            }
            if (e.Timestamp is < 0)
            {
                errors.Add($"{prefix}timestamp", "must be Unix seconds, not negative.");
            }
            if (e.IdempotencyKey is { Length: 0 or > EventLimits.MaxIdempotencyKeyLength })
            {
                errors.Add($"{prefix}id", $"must be 1 to {EventLimits.MaxIdempotencyKeyLength} characters long.");
            }
        }
        tooLarge.ThrowIfAny(ProblemKind.TooLarge);
        errors.ThrowIfAny();
    }

    private void RebuildIndex()
    {
        var enabled = _stored.Values.Where(route => route.Enabled).ToList();
        _subscriberById = enabled.ToDictionary(route => route.WebhookId,
            route => _subscriberById.GetValueOrDefault(route.WebhookId) ?? Subscriber(route.WebhookId), StringComparer.Ordinal);
        var byId = _subscriberById;
        _subscribers = enabled
            .SelectMany(route => route.Events.Select(name => (name, route.WebhookId)))
            .GroupBy(pair => pair.name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(pair => pair.WebhookId).Order(StringComparer.Ordinal).Select(id => byId[id]).ToArray(), StringComparer.Ordinal);
    }

    private Subscriber Subscriber(string webhookId)
    {
        var key = GrainKeys.Webhook(_workspaceId, _code, webhookId);
        return new Subscriber(webhookId, key, GrainFactory.GetGrain<IWebhookDeliveryGrain>(key));
    }
}
