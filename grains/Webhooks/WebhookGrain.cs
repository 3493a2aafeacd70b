using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Contracts.Workspaces;
using Qase.Webhooks.Grains.Clock;
using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Grains.Health;
using Qase.Webhooks.Grains.Metrics;
using Qase.Webhooks.Grains.Notifications;
using Qase.Webhooks.Grains.Routing;
using Qase.Webhooks.Grains.Storage;
using Qase.Webhooks.Grains.Workspaces;

namespace Qase.Webhooks.Grains.Webhooks;

/// <summary>
/// One webhook: its configuration and health in grain state (written on changes and health transitions
/// only, never per delivery), its <see cref="DeliveryPump"/>, and the health rules of the product:
/// a timeout or <c>410 Gone</c> disables at once; a failure streak is watched by a reminder and
/// disables when it outlasts <c>Health:FailureWindow</c>. Automatic disablings mail the owner.
/// Reentrant, so a slow endpoint never blocks reads, management calls or new work; each step
/// re-checks the state it depends on after every await.
/// </summary>
[Reentrant]
[CollectionAgeLimit(Minutes = 2)] // an idle webhook costs nothing: the next event or the sweep activates it again
public sealed partial class WebhookGrain(
    [PersistentState("webhook", StorageNames.Default)] IPersistentState<WebhookState> state,
    IOptions<DeliveryOptions> deliveryOptions,
    IOptions<HealthOptions> healthOptions,
    IDeliveryStore store,
    AttemptRecorder recorder,
    IMailOutbox mail,
    WebhookSender sender,
    ServiceMetrics metrics,
    TimeProvider clock,
    ILogger<WebhookGrain> logger) : Grain, IWebhookGrain, IWebhookDeliveryGrain, IRemindable, IDeliveryHost
{
    private const string HealthReminder = "health-check";

    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly DeliveryConfiguration _delivery = new();
    private DeliveryPump _pump = null!;
    private DeliveryLog _log = null!;
    private TestDelivery _tests = null!;
    private DisablingMail _notice = null!;
    private PlanGuard _plan = null!;
    private EarliestTimer _wakeTimer = null!;
    private EarliestTimer _pumpTimer = null!;
    private string _workspaceId = "";
    private string _projectCode = "";
    private string _webhookId = "";

    private WebhookState Data => state.State;

    private DeliveryOptions Options => deliveryOptions.Value;

    private HealthOptions HealthOptions => healthOptions.Value;

    private WebhookHealth Health => new(Data.Enabled, Data.FailingSince);

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_workspaceId, _projectCode, _webhookId) = GrainKeys.ParseWebhook(Key);
        _wakeTimer = new EarliestTimer(this, clock, () => _pump.Claim());
        _pumpTimer = new EarliestTimer(this, clock, () =>
        {
            _pump.Resume();
            return Task.CompletedTask;
        });
        _log = new DeliveryLog(Key, store, clock);
        var workspace = GrainFactory.GetGrain<IWorkspacePlanGrain>(_workspaceId);
        _plan = new PlanGuard(_projectCode, () => workspace.GetProjectPlan(_projectCode));
        _notice = new DisablingMail(Key, _workspaceId, async () => (await GrainFactory.GetGrain<IWorkspaceGrain>(_workspaceId).Get())?.OwnerEmail,
            mail, HealthOptions.MaxMailsPerDay, clock, logger);
        _tests = new TestDelivery(Key, _webhookId, _projectCode, store, sender, metrics, clock);
        _pump = new DeliveryPump(Key, this, store, recorder, sender, metrics, Options, clock, logger);
        _delivery.Apply(Data);
        if (state.RecordExists && Data.NoticePending)
        {
            await QueueNotice(); // the previous activation stopped between the disabling and its mail
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _delivery.Dispose();
        return Task.CompletedTask;
    }

    public async Task<Webhook> Create(NewWebhook webhook)
    {
        if (state.RecordExists)
        {
            throw new RequestRejectedException(ProblemKind.Conflict, $"Webhook {_webhookId} exists already.");
        }
        await _plan.EnsurePaid();
        WebhookSettings.Create(Data, webhook, Options.AllowPrivateNetworks, clock.UtcNowMs());
        _delivery.Apply(Data);
        await SaveAndRoute();
        DeactivateOnIdle(); // made, not yet needed: thousands of new webhooks hold no activations
        return ToView();
    }

    public Task<Webhook?> Get() => Task.FromResult(state.RecordExists ? ToView() : null);

    public async Task<Webhook> Update(WebhookPatch patch)
    {
        EnsureExists();
        await _plan.EnsurePaid();
        var now = clock.UtcNowMs();
        WebhookSettings.Update(Data, patch, Options.AllowPrivateNetworks, now);
        var controlsChanged = _delivery.Apply(Data);
        if (patch.Enabled == true)
        {
            Data.MarkEnabled(now);
        }
        else if (patch.Enabled == false)
        {
            Data.MarkDisabled(DisabledReason.Manual, now);
        }
        await SaveAndRoute();
        await AfterStateChange();
        if (patch.Enabled == true)
        {
            await store.Resume(Key);
        }
        if (controlsChanged && Data.Enabled)
        {
            _ = _pump.Reconfigure();
        }
        return ToView();
    }

    public async Task<RotatedSecret> RotateSecret(SecretRotation rotation)
    {
        EnsureExists();
        await _plan.EnsurePaid();
        var generated = WebhookSettings.Rotate(Data, rotation, clock.UtcNowMs());
        _delivery.Apply(Data);
        await Write(state.WriteStateAsync);
        return new RotatedSecret(generated, ToView());
    }

    public async Task<Webhook> Enable()
    {
        EnsureExists();
        await _plan.EnsurePaid();
        Data.MarkEnabled(clock.UtcNowMs());
        await SaveAndRoute();
        await store.Resume(Key);
        return ToView();
    }

    public async Task<Webhook> Disable()
    {
        EnsureExists();
        Data.MarkDisabled(DisabledReason.Manual, clock.UtcNowMs());
        await SaveAndRoute();
        await AfterStateChange();
        return ToView();
    }

    public async Task Delete()
    {
        EnsureExists();
        await Write(state.ClearStateAsync);
        state.State = new WebhookState();
        _delivery.Apply(Data);
        _pump.Drop();
        await Router.Remove(_webhookId);
        await store.DeleteWebhook(Key);
        await StopWatching();
        DeactivateOnIdle();
    }

    public async Task<DeliveryDetail> Test(string? eventName)
    {
        EnsureExists();
        await _plan.EnsurePaid();
        return await _tests.Send(eventName, Data.Events, _delivery.Endpoint);
    }

    public async Task<DeliveryPage> ListDeliveries(DeliveryQuery query)
    {
        EnsureExists();
        return await _log.List(query);
    }

    public async Task<DeliveryDetail?> GetDelivery(string deliveryId)
    {
        EnsureExists();
        return await _log.Get(deliveryId, _delivery.Endpoint);
    }

    public async Task<IReadOnlyList<HourStats>> Stats(int hours)
    {
        EnsureExists();
        return await _log.Stats(hours);
    }

    public async Task Redeliver(string deliveryId)
    {
        await EnsureCanResend();
        _pump.ResendAfterOutcome(deliveryId);
        if (!await store.Requeue(Key, deliveryId, clock.UtcNowMs()))
        {
            throw RequestRejectedException.NotFound($"Delivery {deliveryId}");
        }
        _ = _pump.Wake();
    }

    public async Task<int> Recover(DateTimeOffset since)
    {
        await EnsureCanResend();
        var count = await store.RequeueFailed(Key, since, clock.UtcNowMs());
        _ = _pump.Wake();
        return count;
    }

    public async Task Wake()
    {
        if (Endpoint is null)
        {
            if (state.RecordExists)
            {
                await FailPending(); // the router's view was a moment old: this webhook no longer takes deliveries
            }
            return;
        }
        await _pump.Wake();
    }

    public async Task SendOwedNotice()
    {
        if (state.RecordExists && Data.NoticePending)
        {
            await QueueNotice();
        }
        else
        {
            await _notice.Settle(); // queued meanwhile, or the disabling it was owed for never got written
        }
    }

    public DeliveryEndpoint? Endpoint => state.RecordExists && Data.Enabled ? _delivery.Endpoint : null;

    public DeliveryControls Controls => _delivery.Controls;

    public Task<bool> MaySend() => _plan.MaySend();

    public async Task OnAttempted(AttemptFact fact)
    {
        if (!state.RecordExists)
        {
            return;
        }
        if (fact.Succeeded)
        {
            Data.LastSuccessAt = fact.At;
        }
        else
        {
            Data.LastFailureAt = fact.At;
            Data.LastError = fact.Error;
        }
        await Apply(HealthRules.AfterAttempt(Health, fact, HealthOptions), fact.At);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == HealthReminder)
        {
            var health = state.RecordExists ? Health : new WebhookHealth(false, null);
            await Apply(HealthRules.OnCheck(health, HealthOptions, clock.GetUtcNow()), clock.UtcNowMs());
        }
    }

    public void WakeAt(DateTimeOffset at) => _wakeTimer.At(at);

    public void PumpAt(DateTimeOffset at) => _pumpTimer.At(at);

    // Applies a decision of the health rules; only transitions write grain state.
    private async Task Apply(HealthDecision decision, DateTimeOffset at)
    {
        switch (decision.Change)
        {
            case HealthChange.StreakStarts:
                Data.FailingSince = at;
                await Write(state.WriteStateAsync);
                await this.RegisterOrUpdateReminder(HealthReminder, HealthOptions.CheckPeriod, HealthOptions.CheckPeriod);
                break;
            case HealthChange.StreakEnds:
                // Its reminder goes on its next tick, so a flapping endpoint does not churn the reminder table.
                Data.FailingSince = null;
                await Write(state.WriteStateAsync);
                break;
            case HealthChange.Disable:
                await DisableAutomatically(decision.Reason!.Value);
                break;
            case HealthChange.StopWatching:
                await StopWatching();
                break;
        }
    }

    private async Task DisableAutomatically(DisabledReason reason)
    {
        if (!Data.Enabled)
        {
            return;
        }
        var now = clock.UtcNowMs();
        await _notice.Owe(now);
        Data.MarkDisabled(reason, now);
        Data.NoticePending = true; // written with the disabling: the mail is owed even if this activation dies now
        await SaveAndRoute();
        metrics.Disabled(reason);
        LogDisabled(Key, reason, Data.LastError);
        await AfterStateChange();
        await QueueNotice();
    }

    private async Task QueueNotice()
    {
        try
        {
            await _notice.Queue(Data, ToView);
            Data.NoticePending = false;
            await Write(state.WriteStateAsync);
            await _notice.Settle();
        }
        catch (Exception ex)
        {
            LogNoticeFailed(ex, Key); // still owed: the sweep, or the next activation, queues it
        }
    }

    // A disabled webhook holds no work and no reminder.
    private async Task AfterStateChange()
    {
        if (!Data.Enabled)
        {
            _pump.Drop();
            await FailPending();
            await StopWatching();
        }
    }

    private async Task FailPending()
    {
        var failed = await store.FailPending(Key, $"the webhook was disabled ({DisablingNotice.Describe(Data.DisabledReason)})", clock.UtcNowMs());
        metrics.Finished(DeliveryStatus.Failed, failed);
    }

    private async Task StopWatching()
    {
        if (await this.GetReminder(HealthReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private IProjectRoutesGrain Router =>
        GrainFactory.GetGrain<IProjectRoutesGrain>(GrainKeys.Project(_workspaceId, _projectCode));

    private async Task SaveAndRoute()
    {
        // Grain state first: the router is a cache of it that each change refreshes.
        await Write(state.WriteStateAsync);
        await Router.Upsert(new WebhookRoute(_webhookId, Data.Events, Data.Enabled));
    }

    // Interleaved turns may both want to write; storage takes one write at a time per activation.
    private async Task Write(Func<Task> write)
    {
        await _writes.WaitAsync();
        try
        {
            await write();
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task EnsureCanResend()
    {
        EnsureExists();
        await _plan.EnsurePaid();
        if (!Data.Enabled)
        {
            throw new RequestRejectedException(ProblemKind.Conflict, "The webhook is disabled: enable it first, then send deliveries again.");
        }
    }

    private void EnsureExists()
    {
        if (!state.RecordExists)
        {
            throw RequestRejectedException.NotFound($"Webhook {_webhookId}");
        }
    }

    private Webhook ToView() => WebhookView.Of(Data, _webhookId, _projectCode, _delivery.Endpoint.Signer.PublicKey, clock.GetUtcNow());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookKey} was disabled ({Reason}); last error: {LastError}")]
    private partial void LogDisabled(string webhookKey, DisabledReason reason, string? lastError);

    [LoggerMessage(Level = LogLevel.Error, Message = "The disabling mail of webhook {WebhookKey} could not be queued yet; the sweep will try again.")]
    private partial void LogNoticeFailed(Exception ex, string webhookKey);
}
