using Orleans.Concurrency;
using Qase.Webhooks.Contracts.Delivery;

namespace Qase.Webhooks.Contracts.Webhooks;

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

    /// <summary>The webhook, or <c>null</c> when none exists under this key. A read that never waits for a change in progress.</summary>
    [AlwaysInterleave, Alias("Get")]
    Task<Webhook?> Get();

    [Alias("Update")]
    Task<Webhook> Update(WebhookPatch patch);

    /// <summary>Puts the webhook back into service and clears its failure streak.</summary>
    [Alias("Enable")]
    Task<Webhook> Enable();

    /// <summary>Takes the webhook out of service by hand (<see cref="DisabledReason.Manual"/>); no mail is sent.</summary>
    [Alias("Disable")]
    Task<Webhook> Disable();

    /// <summary>Deletes the webhook with its delivery log; its pending deliveries stop.</summary>
    [Alias("Delete")]
    Task Delete();

    /// <summary>Sends one delivery now with the sample payload of <paramref name="eventName"/> (default: the first subscribed type); it never changes the webhook's health.</summary>
    [Alias("Test")]
    Task<DeliveryDetail> Test(string? eventName);

    [Alias("ListDeliveries")]
    Task<DeliveryPage> ListDeliveries(DeliveryQuery query);

    /// <summary>A delivery with its request and attempts, or <c>null</c>.</summary>
    [Alias("GetDelivery")]
    Task<DeliveryDetail?> GetDelivery(string deliveryId);

    /// <summary>Sends a delivery again, under the same delivery id.</summary>
    [Alias("Redeliver")]
    Task Redeliver(string deliveryId);

    /// <summary>Sends again every delivery that failed since <paramref name="since"/>; answers how many.</summary>
    [Alias("Recover")]
    Task<int> Recover(DateTimeOffset since);
}
