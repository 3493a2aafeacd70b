using Orleans.Concurrency;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Delivery;

namespace Qase.Webhooks.Grains.Webhooks;

/// <summary>
/// What the service's own grains and services ask of a webhook grain (same key as its public
/// <c>IWebhookGrain</c>): new deliveries from the router, and wake-ups from the sweep. Not part of the
/// public contract, so no outside caller can hand a webhook deliveries that were never recorded.
/// </summary>
[Alias("qase.IWebhookDeliveryGrain")]
public interface IWebhookDeliveryGrain : IGrainWithStringKey
{
    /// <summary>Hands the webhook new deliveries to send (the router calls this after recording them).</summary>
    [OneWay, Alias("Deliver")]
    Task Deliver(IReadOnlyList<PendingDelivery> deliveries);

    /// <summary>Asks the webhook to look for due deliveries in the store (after a restart, or when it was idle).</summary>
    [OneWay, Alias("Wake")]
    Task Wake();

    /// <summary>Queues the owner's disabling mail if the webhook still owes it (the sweep calls this).</summary>
    [OneWay, Alias("SendOwedNotice")]
    Task SendOwedNotice();
}
