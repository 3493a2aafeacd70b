using Orleans.Concurrency;
using Qase.Webhooks.Grains.Delivery;

namespace Qase.Webhooks.Grains.Webhooks;

/// <summary>
/// What the service's own grains and services ask of a webhook grain (same key as its public
/// <c>IWebhookGrain</c>): the router's handoff of the deliveries it has just recorded, a wake-up when the sweep found
/// due ones, and the sweep's call for owed mail.
/// Not part of the public contract. The router hands a publish's just-committed deliveries over with the wake; the
/// store stays the way in for everything else (the sweep, retries, recovery, a window that was full).
/// </summary>
[Alias("qase.IWebhookDeliveryGrain")]
public interface IWebhookDeliveryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Asks the webhook to claim its due deliveries from the store: the sweep calls it after a restart or a long wait.
    /// </summary>
    [OneWay, Alias("Wake")]
    Task Wake();

    /// <summary>
    /// Deliveries the router has just committed for this webhook (first attempts, due now): the webhook queues them
    /// without a query when that cannot race its own claim, else claims from the store as on <see cref="Wake"/>.
    /// </summary>
    [OneWay, Alias("Deliver")]
    Task Deliver([Immutable] IReadOnlyList<PendingDelivery> deliveries);

    /// <summary>Queues the owner's disabling mail if the webhook still owes it (the sweep calls this).</summary>
    [OneWay, Alias("SendOwedNotice")]
    Task SendOwedNotice();
}
