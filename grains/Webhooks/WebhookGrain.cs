using Microsoft.Extensions.Options;
using Qase.Webhooks.Delivery;
using Qase.Webhooks.Hosting;
using Qase.Webhooks.Problems;
using Qase.Webhooks.Projects;
using Qase.Webhooks.Routing;
using Qase.Webhooks.Workspaces;

namespace Qase.Webhooks.Webhooks;

public sealed class WebhookGrain(
    [PersistentState("webhook", StorageNames.Default)] IPersistentState<WebhookState> state,
    IOptions<DeliveryOptions> deliveryOptions,
    TimeProvider clock) : Grain, IWebhookGrain
{
    private string _workspaceId = "";
    private string _projectCode = "";
    private string _webhookId = "";

    private WebhookState Data => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_workspaceId, _projectCode, _webhookId) = GrainKeys.ParseWebhook(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<Webhook> Create(NewWebhook webhook)
    {
        if (state.RecordExists)
        {
            throw new RequestRejectedException(ProblemKind.Conflict, $"Webhook {_webhookId} exists already.");
        }
        if (await Workspace.GetProject(_projectCode) is null)
        {
            throw RequestRejectedException.NotFound($"Project {_projectCode}");
        }
        await EnsurePaidPlan(Workspace);

        var errors = new ValidationErrors();
        FieldRules.Title(errors, "title", webhook.Title);
        FieldRules.Url(errors, "url", webhook.Url, deliveryOptions.Value.AllowPrivateNetworks);
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
        await EnsurePaidPlan(Workspace);

        var errors = new ValidationErrors();
        if (patch.Title is not null)
        {
            FieldRules.Title(errors, "title", patch.Title);
        }
        if (patch.Url is not null)
        {
            FieldRules.Url(errors, "url", patch.Url, deliveryOptions.Value.AllowPrivateNetworks);
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
            EndStreak(); // a new endpoint starts with a clean record
        }
        Data.Secret = patch.RemoveSecret ? null : patch.Secret ?? Data.Secret;
        Data.Events = events is null ? Data.Events : [.. events];
        Data.NotifyEmail = patch.RemoveNotifyEmail ? null : patch.NotifyEmail ?? Data.NotifyEmail;
        if (patch.Enabled == true && !Data.Enabled)
        {
            MarkEnabled();
        }
        else if (patch.Enabled == false)
        {
            MarkDisabled(DisabledReason.Manual, now);
        }
        Data.UpdatedAt = now;
        await SaveAndRoute();
        return ToView();
    }

    public async Task<Webhook> Enable()
    {
        EnsureExists();
        await EnsurePaidPlan(Workspace);
        MarkEnabled();
        Data.UpdatedAt = clock.UtcNowMs();
        await SaveAndRoute();
        return ToView();
    }

    public async Task<Webhook> Disable()
    {
        EnsureExists();
        var now = clock.UtcNowMs();
        MarkDisabled(DisabledReason.Manual, now);
        Data.UpdatedAt = now;
        await SaveAndRoute();
        return ToView();
    }

    public async Task Delete()
    {
        EnsureExists();
        await state.ClearStateAsync();
        await Router.Remove(_webhookId);
        DeactivateOnIdle();
    }

    private IProjectEventRouterGrain Router =>
        GrainFactory.GetGrain<IProjectEventRouterGrain>(GrainKeys.Project(_workspaceId, _projectCode));

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
        EndStreak();
    }

    private void MarkDisabled(DisabledReason reason, DateTimeOffset at)
    {
        Data.DisabledReason = reason;
        Data.DisabledAt = at;
    }

    private void EndStreak() => Data.FailingSince = null;

    private IWorkspaceGrain Workspace => GrainFactory.GetGrain<IWorkspaceGrain>(_workspaceId);

    private static async Task EnsurePaidPlan(IWorkspaceGrain workspace)
    {
        var info = await workspace.Get() ?? throw RequestRejectedException.NotFound("Workspace");
        if (!info.HasWebhooks)
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

    private Webhook ToView() => new(
        _webhookId, _projectCode, Data.Title, Data.Url, Data.Events, Data.Enabled, Data.Secret is not null,
        Data.DisabledReason, Data.DisabledAt, Data.FailingSince, Data.LastSuccessAt, Data.LastFailureAt,
        Data.LastError, Data.NotifyEmail, Data.CreatedAt, Data.UpdatedAt);
}
