using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Qase.Webhooks.Catalog;
using Qase.Webhooks.Delivery;
using Qase.Webhooks.Hosting;
using Qase.Webhooks.Problems;
using Qase.Webhooks.Projects;
using Qase.Webhooks.Routing;
using Qase.Webhooks.Workspaces;

namespace Qase.Webhooks.Webhooks;

/// <summary>
/// One webhook: its configuration and health (grain state, written on changes only) and its delivery
/// pump. The pump keeps up to <c>Delivery:MaxConcurrencyPerWebhook</c> attempts in flight, takes new
/// deliveries from the router and due retries from the store, and records finished attempts in batches.
/// Reentrant, so a slow endpoint never blocks reads, management calls or new work; every step re-checks
/// the state it depends on after each await.
/// </summary>
[Reentrant]
public sealed class WebhookGrain(
    [PersistentState("webhook", StorageNames.Default)] IPersistentState<WebhookState> state,
    IOptions<DeliveryOptions> deliveryOptions,
    IDeliveryStore store,
    WebhookSender sender,
    DeliveryMetrics metrics,
    TimeProvider clock) : Grain, IWebhookGrain
{
    private readonly Queue<PendingDelivery> _ready = new();
    private readonly HashSet<string> _held = new(StringComparer.Ordinal); // queued, in flight or not yet recorded
    private readonly List<AttemptOutcome> _unrecorded = [];
    private int _inFlight;
    private bool _claiming;
    private bool _claimAgain;
    private bool _moreInStore;
    private bool _recording;
    private IGrainTimer? _wakeTimer;
    private DateTimeOffset? _wakeAt;

    private string _workspaceId = "";
    private string _projectCode = "";
    private string _webhookId = "";

    private WebhookState Data => state.State;

    private DeliveryOptions Options => deliveryOptions.Value;

    private string Key => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_workspaceId, _projectCode, _webhookId) = GrainKeys.ParseWebhook(Key);
        return Task.CompletedTask;
    }

    public async Task<Webhook> Create(NewWebhook webhook)
    {
        if (state.RecordExists)
        {
            throw new RequestRejectedException(ProblemKind.Conflict, $"Webhook {_webhookId} exists already.");
        }
        await EnsurePaidPlan();

        var errors = new ValidationErrors();
        FieldRules.Title(errors, "title", webhook.Title);
        FieldRules.Url(errors, "url", webhook.Url, Options.AllowPrivateNetworks);
        if (webhook.Secret is not null)
        {
            FieldRules.Secret(errors, "secret", webhook.Secret);
        }
        var events = FieldRules.Events(errors, "events", webhook.Events);
        FieldRules.Email(errors, "notify_email", webhook.NotifyEmail, required: false);
        errors.ThrowIfAny();

        var now = clock.UtcNowMs();
        Data.Title = webhook.Title!;
        Data.Url = webhook.Url!;
        Data.Secret = webhook.Secret;
        Data.Events = [.. events];
        Data.NotifyEmail = webhook.NotifyEmail;
        Data.CreatedAt = now;
        Data.UpdatedAt = now;
        if (webhook.Enabled == false)
        {
            Data.DisabledReason = DisabledReason.Manual;
            Data.DisabledAt = now;
        }
        await SaveAndRoute();
        return ToView();
    }

    public Task<Webhook?> Get() => Task.FromResult(state.RecordExists ? ToView() : null);

    public async Task<Webhook> Update(WebhookPatch patch)
    {
        EnsureExists();
        await EnsurePaidPlan();

        var errors = new ValidationErrors();
        if (patch.Title is not null)
        {
            FieldRules.Title(errors, "title", patch.Title);
        }
        if (patch.Url is not null)
        {
            FieldRules.Url(errors, "url", patch.Url, Options.AllowPrivateNetworks);
        }
        if (patch.Secret is not null)
        {
            FieldRules.Secret(errors, "secret", patch.Secret);
        }
        var events = patch.Events is null ? null : FieldRules.Events(errors, "events", patch.Events);
        if (patch.NotifyEmail is not null)
        {
            FieldRules.Email(errors, "notify_email", patch.NotifyEmail, required: false);
        }
        errors.ThrowIfAny();

        var now = clock.UtcNowMs();
        Data.Title = patch.Title ?? Data.Title;
        if (patch.Url is not null && patch.Url != Data.Url)
        {
            Data.Url = patch.Url;
            Data.FailingSince = null; // a new endpoint starts with a clean record
        }
        Data.Secret = patch.RemoveSecret ? null : patch.Secret ?? Data.Secret;
        Data.Events = events is null ? Data.Events : [.. events];
        Data.NotifyEmail = patch.RemoveNotifyEmail ? null : patch.NotifyEmail ?? Data.NotifyEmail;
        Data.UpdatedAt = now;
        if (patch.Enabled == true && !Data.Enabled)
        {
            MarkEnabled();
        }
        else if (patch.Enabled == false)
        {
            await MarkDisabled(DisabledReason.Manual, now, "disabled by hand");
        }
        await SaveAndRoute();
        return ToView();
    }

    public async Task<Webhook> Enable()
    {
        EnsureExists();
        await EnsurePaidPlan();
        MarkEnabled();
        Data.UpdatedAt = clock.UtcNowMs();
        await SaveAndRoute();
        return ToView();
    }

    public async Task<Webhook> Disable()
    {
        EnsureExists();
        var now = clock.UtcNowMs();
        await MarkDisabled(DisabledReason.Manual, now, "disabled by hand");
        Data.UpdatedAt = now;
        await SaveAndRoute();
        return ToView();
    }

    public async Task Delete()
    {
        EnsureExists();
        await state.ClearStateAsync();
        state.State = new WebhookState();
        _ready.Clear();
        await Router.Remove(_webhookId);
        await store.DeleteWebhook(Key);
        DeactivateOnIdle();
    }

    public async Task<DeliveryDetail> Test(string? eventName)
    {
        EnsureExists();
        await EnsurePaidPlan();
        var name = eventName ?? Data.Events[0];
        if (!EventCatalog.TryGet(name, out var type))
        {
            throw RequestRejectedException.Invalid(new Dictionary<string, string[]>
            {
                ["event_name"] = [$"'{name}' is not a known event type (see GET /v1/event-types)."],
            });
        }
        var now = clock.UtcNowMs();
        var body = EventEnvelope.Build(type.Name, now.ToUnixTimeSeconds(), type.SamplePayload, null, _projectCode);
        var deliveryId = ResourceId.New("dlv");
        var result = await sender.Send(Data.Url, Data.Secret, deliveryId, type.Name, body);
        metrics.Attempted(result);
        var record = new DeliveryRecord(deliveryId, _webhookId, ResourceId.New("evt"), type.Name,
            result.Succeeded ? DeliveryStatus.Succeeded : DeliveryStatus.Failed, 1, now, result.At, null,
            result.Status, result.DurationMs, result.Error);
        // Logged like any delivery, but a test never moves the webhook's health.
        await store.AddFinished(Key, record, body, result.ToAttempt());
        return Detail(new StoredDelivery(record, body, [result.ToAttempt()]));
    }

    public async Task<DeliveryPage> ListDeliveries(DeliveryQuery query)
    {
        EnsureExists();
        var limit = query.Limit;
        if (limit is < 1 or > DeliveryQuery.MaxLimit)
        {
            throw RequestRejectedException.Invalid(new Dictionary<string, string[]>
            {
                ["limit"] = [$"must be between 1 and {DeliveryQuery.MaxLimit}."],
            });
        }
        return await store.List(Key, query);
    }

    public async Task<DeliveryDetail?> GetDelivery(string deliveryId)
    {
        EnsureExists();
        var stored = await store.Get(Key, deliveryId);
        return stored is null ? null : Detail(stored);
    }

    public async Task Redeliver(string deliveryId)
    {
        EnsureExists();
        await EnsurePaidPlan();
        EnsureEnabled();
        if (!await store.Requeue(Key, deliveryId, clock.UtcNowMs()))
        {
            throw RequestRejectedException.NotFound($"Delivery {deliveryId}");
        }
        _ = Claim();
    }

    public async Task<int> Recover(DateTimeOffset since)
    {
        EnsureExists();
        await EnsurePaidPlan();
        EnsureEnabled();
        var count = await store.RequeueFailed(Key, since, clock.UtcNowMs());
        _ = Claim();
        return count;
    }

    public async Task Deliver(IReadOnlyList<PendingDelivery> deliveries)
    {
        if (!state.RecordExists || !Data.Enabled)
        {
            // The router's view was a moment old: this webhook no longer takes deliveries.
            await FailOrForget("the webhook was disabled before delivery");
            return;
        }
        foreach (var delivery in deliveries)
        {
            if (_held.Add(delivery.DeliveryId))
            {
                _ready.Enqueue(delivery);
            }
        }
        Pump();
    }

    public Task Wake()
    {
        _ = Claim();
        return Task.CompletedTask;
    }

    // Starts attempts while there is room; asks the store for more when the queue runs dry.
    private void Pump()
    {
        if (!state.RecordExists || !Data.Enabled)
        {
            return;
        }
        while (_inFlight < Options.MaxConcurrencyPerWebhook && _ready.TryDequeue(out var delivery))
        {
            _inFlight++;
            _ = Attempt(delivery);
        }
        if (_ready.Count == 0 && _moreInStore)
        {
            _ = Claim();
        }
    }

    private async Task Attempt(PendingDelivery delivery)
    {
        SendResult result;
        try
        {
            result = await sender.Send(Data.Url, Data.Secret, delivery.DeliveryId, delivery.EventName, delivery.Body);
        }
        finally
        {
            _inFlight--;
        }
        metrics.Attempted(result);

        var attempts = delivery.AttemptCount + 1;
        AttemptOutcome outcome;
        if (result.Succeeded)
        {
            outcome = new AttemptOutcome(Key, delivery.DeliveryId, result.ToAttempt(), DeliveryStatus.Succeeded, null);
        }
        else if (state.RecordExists && Data.Enabled)
        {
            var next = result.At + RetryPolicy.Delay(Options.EffectiveRetrySchedule, attempts, result.RetryAfter, Random.Shared);
            outcome = new AttemptOutcome(Key, delivery.DeliveryId, result.ToAttempt(), DeliveryStatus.Pending, next);
            ScheduleWake(next);
        }
        else
        {
            outcome = new AttemptOutcome(Key, delivery.DeliveryId, result.ToAttempt(), DeliveryStatus.Failed, null);
        }
        if (outcome.Status != DeliveryStatus.Pending)
        {
            metrics.Finished(outcome.Status);
        }
        _unrecorded.Add(outcome);
        _ = RecordOutcomes();
        Pump();
    }

    // Group commit: while one batch is being written, finished attempts gather for the next.
    private async Task RecordOutcomes()
    {
        if (_recording)
        {
            return;
        }
        _recording = true;
        try
        {
            while (_unrecorded.Count > 0)
            {
                var batch = _unrecorded.ToList();
                _unrecorded.Clear();
                try
                {
                    await store.Record(batch);
                }
                catch
                {
                    // Kept and held, so nothing is sent twice or forgotten; written again shortly.
                    _unrecorded.InsertRange(0, batch);
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    continue;
                }
                foreach (var outcome in batch)
                {
                    _held.Remove(outcome.DeliveryId);
                }
            }
        }
        finally
        {
            _recording = false;
        }
    }

    // Takes due deliveries from the store: after activation, on a wake-up and when a retry falls due.
    private async Task Claim()
    {
        if (_claiming)
        {
            _claimAgain = true;
            return;
        }
        _claiming = true;
        try
        {
            do
            {
                _claimAgain = false;
                if (!state.RecordExists || !Data.Enabled || !await HasPaidPlan())
                {
                    return; // disabled: nothing to do; free plan: retries wait for an upgrade
                }
                var limit = Options.MaxConcurrencyPerWebhook * 4;
                var due = await store.ClaimDue(Key, clock.GetUtcNow(), limit, _held.ToArray());
                foreach (var delivery in due)
                {
                    if (_held.Add(delivery.DeliveryId))
                    {
                        _ready.Enqueue(delivery);
                    }
                }
                _moreInStore = due.Count == limit;
                Pump();
            }
            while (_claimAgain);
            if (await store.NextDue(Key, _held.ToArray()) is { } next)
            {
                ScheduleWake(next);
            }
        }
        finally
        {
            _claiming = false;
        }
    }

    private void ScheduleWake(DateTimeOffset at)
    {
        if (_wakeTimer is not null && _wakeAt <= at)
        {
            return;
        }
        _wakeTimer?.Dispose();
        _wakeAt = at;
        var due = at - clock.GetUtcNow();
        _wakeTimer = this.RegisterGrainTimer(_ =>
        {
            _wakeTimer?.Dispose();
            _wakeTimer = null;
            _wakeAt = null;
            return Claim();
        }, new GrainTimerCreationOptions(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan) { Interleave = true });
    }

    private async Task FailOrForget(string reason)
    {
        _ready.Clear();
        if (state.RecordExists)
        {
            var failed = await store.FailPending(Key, reason, clock.UtcNowMs());
            metrics.Finished(DeliveryStatus.Failed, failed);
        }
        else
        {
            await store.DeleteWebhook(Key);
        }
    }

    private IProjectEventRouterGrain Router =>
        GrainFactory.GetGrain<IProjectEventRouterGrain>(GrainKeys.Project(_workspaceId, _projectCode));

    private IWorkspaceGrain Workspace => GrainFactory.GetGrain<IWorkspaceGrain>(_workspaceId);

    private async Task SaveAndRoute()
    {
        // Grain state first: the router is a cache of it that each change refreshes.
        await state.WriteStateAsync();
        await Router.Upsert(new WebhookRoute(_webhookId, Data.Events, Data.Enabled));
    }

    private void MarkEnabled()
    {
        Data.DisabledReason = null;
        Data.DisabledAt = null;
        Data.FailingSince = null;
    }

    private async Task MarkDisabled(DisabledReason reason, DateTimeOffset at, string error)
    {
        Data.DisabledReason = reason;
        Data.DisabledAt = at;
        await FailOrForget(error);
    }

    private async Task<bool> HasPaidPlan() =>
        await Workspace.GetProjectPlan(_projectCode) is { } plan && plan != WorkspacePlan.Free;

    private async Task EnsurePaidPlan()
    {
        var plan = await Workspace.GetProjectPlan(_projectCode) ?? throw RequestRejectedException.NotFound($"Project {_projectCode}");
        if (plan == WorkspacePlan.Free)
        {
            throw RequestRejectedException.PlanRequired();
        }
    }

    private void EnsureExists()
    {
        if (!state.RecordExists)
        {
            throw RequestRejectedException.NotFound($"Webhook {_webhookId}");
        }
    }

    private void EnsureEnabled()
    {
        if (!Data.Enabled)
        {
            throw new RequestRejectedException(ProblemKind.Conflict, "The webhook is disabled: enable it first, then send deliveries again.");
        }
    }

    private DeliveryDetail Detail(StoredDelivery stored)
    {
        var last = stored.Attempts.Count > 0 ? stored.Attempts[^1] : null;
        var headers = WebhookSender.Headers(Data.Secret, stored.Record.Id, stored.Record.EventName,
            (last?.At ?? stored.Record.CreatedAt).ToUnixTimeSeconds(), stored.Body, redact: true);
        var request = new DeliveryRequest(last?.Url ?? Data.Url, headers.ToDictionary(h => h.Key, h => h.Value),
            System.Text.Encoding.UTF8.GetString(stored.Body));
        return new DeliveryDetail(stored.Record, request, stored.Attempts);
    }

    private Webhook ToView() => new(
        _webhookId, _projectCode, Data.Title, Data.Url, Data.Events, Data.Enabled, Data.Secret is not null,
        Data.DisabledReason, Data.DisabledAt, Data.FailingSince, Data.LastSuccessAt, Data.LastFailureAt,
        Data.LastError, Data.NotifyEmail, Data.CreatedAt, Data.UpdatedAt);
}
