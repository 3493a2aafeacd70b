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
/// One webhook, the one authority on its configuration and health: both live in its grain state, written on changes
/// and health transitions only, never per delivery. Its <see cref="DeliveryPump"/> sends; each attempt comes back as an
/// <see cref="AttemptFact"/> that its <see cref="HealthKeeper"/> turns into a decision of the health rules, applied
/// through this grain, which keeps the writes, the project's route and the health reminder.
/// Reentrant, so a slow endpoint never blocks reads, management calls or new work; each step
/// re-checks the state it depends on after every await.
/// </summary>
[Reentrant]
[CollectionAgeLimit(Minutes = 2)] // an idle webhook costs nothing: the next event or the sweep activates it again
public sealed class WebhookGrain(
    [PersistentState("webhook", StorageNames.Default)] IPersistentState<WebhookState> state,
    IOptions<DeliveryOptions> deliveryOptions,
    IOptions<HealthOptions> healthOptions,
    IDeliveryStore store,
    AttemptRecorder recorder,
    IMailOutbox mail,
    WebhookSender sender,
    ServiceMetrics metrics,
    TimeProvider clock,
    ILogger<WebhookGrain> logger) : Grain, IWebhookGrain, IWebhookDeliveryGrain, IRemindable, IDeliveryHost, IHealthHost
{
    private const string HealthReminder = "health-check";

    private readonly SerialWrites _writes = new();
    private readonly DeliveryConfiguration _delivery = new();
    private DeliveryPump _pump = null!;
    private DeliveryLog _log = null!;
    private TestDelivery _tests = null!;
    private HealthKeeper _health = null!;
    private PlanGuard _plan = null!;
    private EarliestTimer _wakeTimer = null!;
    private EarliestTimer _pumpTimer = null!;
    private string _workspaceId = "";
    private string _projectCode = "";
    private string _webhookId = "";

    private WebhookState Data => state.State;

    private DeliveryOptions Options => deliveryOptions.Value;

    private HealthOptions HealthOptions => healthOptions.Value;

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
        var owner = GrainFactory.GetGrain<IWorkspaceGrain>(_workspaceId);
        var notice = new DisablingMail(Key, _workspaceId, async () => (await owner.Get())?.OwnerEmail, mail, HealthOptions.MaxMailsPerDay,
            clock, logger);
        _health = new HealthKeeper(this, Key, notice, HealthOptions, metrics, clock, logger);
        _tests = new TestDelivery(Key, _webhookId, _projectCode, store, sender, metrics, clock);
        _pump = new DeliveryPump(Key, this, store, recorder, sender, metrics, Options, clock, logger);
        _delivery.Apply(Data);
        await _health.QueueOwedNotice();
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
        return View();
    }

    public Task<Webhook?> Get() => Task.FromResult(state.RecordExists ? View() : null);

    public async Task<Webhook> Update(WebhookPatch patch)
    {
        EnsureExists();
        await _plan.EnsurePaid();
        WebhookSettings.Update(Data, patch, Options.AllowPrivateNetworks, clock.UtcNowMs());
        var controlsChanged = _delivery.Apply(Data);
        await SaveAndRoute();
        await Retire();
        if (patch.Enabled == true)
        {
            await store.Resume(Key);
        }
        if (controlsChanged && Data.Enabled)
        {
            _ = _pump.Reconfigure();
        }
        return View();
    }

    public async Task<RotatedSecret> RotateSecret(SecretRotation rotation)
    {
        EnsureExists();
        await _plan.EnsurePaid();
        var generated = WebhookSettings.Rotate(Data, rotation, clock.UtcNowMs());
        _delivery.Apply(Data);
        await Save();
        return new RotatedSecret(generated, View());
    }

    public async Task<Webhook> Enable()
    {
        EnsureExists();
        await _plan.EnsurePaid();
        Data.MarkEnabled(clock.UtcNowMs());
        await SaveAndRoute();
        await store.Resume(Key);
        return View();
    }

    public async Task<Webhook> Disable()
    {
        EnsureExists();
        Data.MarkDisabled(DisabledReason.Manual, clock.UtcNowMs());
        await SaveAndRoute();
        await Retire();
        return View();
    }

    public async Task Delete()
    {
        EnsureExists();
        await _writes.Run(state.ClearStateAsync);
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
        if (Endpoint is not null)
        {
            await _pump.Wake();
        }
        else if (state.RecordExists)
        {
            await FailPending(); // the router's view was a moment old: this webhook no longer takes deliveries
        }
    }

    // A webhook that no longer takes deliveries fails them as a wake would.
    public Task Deliver(IReadOnlyList<PendingDelivery> deliveries) => Endpoint is null ? Wake() : _pump.Take(deliveries);

    public Task SendOwedNotice() => _health.SendOwedNotice();

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == HealthReminder ? _health.OnCheck() : Task.CompletedTask;

    // What the pump asks of its webhook (IDeliveryHost), then what the health keeper asks (IHealthHost).
    public DeliveryEndpoint? Endpoint => state.RecordExists && Data.Enabled ? _delivery.Endpoint : null;

    public DeliveryControls Controls => _delivery.Controls;

    public Task<bool> MaySend() => _plan.MaySend();

    public Task OnAttempted(AttemptFact fact) => _health.OnAttempted(fact);

    public void WakeAt(DateTimeOffset at) => _wakeTimer.At(at);

    public void PumpAt(DateTimeOffset at) => _pumpTimer.At(at);

    public WebhookState? Current => state.RecordExists ? Data : null;

    public Task Save() => _writes.Run(state.WriteStateAsync);

    public async Task SaveAndRoute()
    {
        // Grain state first: the router is a cache of it that each change refreshes.
        await Save();
        await Router.Upsert(new WebhookRoute(_webhookId, Data.Events, Data.Enabled));
    }

    public Task Watch() => this.RegisterOrUpdateReminder(HealthReminder, HealthOptions.CheckPeriod, HealthOptions.CheckPeriod);

    public async Task StopWatching()
    {
        if (await this.GetReminder(HealthReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    // A disabled webhook holds no work and no reminder.
    public async Task Retire()
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

    private IProjectRoutesGrain Router =>
        GrainFactory.GetGrain<IProjectRoutesGrain>(GrainKeys.Project(_workspaceId, _projectCode));

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

    public Webhook View() => WebhookView.Of(Data, _webhookId, _projectCode, _delivery.Endpoint.Signer.PublicKey, clock.GetUtcNow());
}
