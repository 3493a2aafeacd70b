namespace Qase.Webhooks.Webhooks;

/// <summary>
/// One webhook, keyed <c>{workspace_id}/{CODE}/{webhook_id}</c> (see <see cref="Projects.GrainKeys"/>);
/// a new webhook takes a fresh id from <see cref="Projects.ResourceId"/> with the prefix <c>wh</c>.
/// It holds the configuration, the subscriptions and the endpoint's health, and keeps the project's
/// router in step with every change. Creating, updating and enabling need a paid plan; reading,
/// disabling and deleting do not. Failures are <see cref="Problems.RequestRejectedException"/>s.
/// </summary>
[Alias("qase.IWebhookGrain")]
public interface IWebhookGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<Webhook> Create(NewWebhook webhook);

    /// <summary>The webhook, or <c>null</c> when none exists under this key.</summary>
    [Alias("Get")]
    Task<Webhook?> Get();

    [Alias("Update")]
    Task<Webhook> Update(WebhookPatch patch);

    /// <summary>Puts the webhook back into service and clears its failure streak.</summary>
    [Alias("Enable")]
    Task<Webhook> Enable();

    /// <summary>Takes the webhook out of service by hand (<see cref="DisabledReason.Manual"/>); no mail is sent.</summary>
    [Alias("Disable")]
    Task<Webhook> Disable();

    [Alias("Delete")]
    Task Delete();
}
