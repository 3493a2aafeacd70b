using Orleans.Concurrency;

namespace Qase.Webhooks.Grains.Webhooks;

/// <summary>
/// What the service's own grains and services ask of a webhook grain (same key as its public
/// <c>IWebhookGrain</c>): a wake-up when the router has recorded new deliveries or the sweep found due ones, and the
/// sweep's call for owed mail.
/// Not part of the public contract. Deliveries themselves are never handed over: the webhook claims them
/// from the store, so a delivery has one way in.
/// </summary>
[Alias("qase.IWebhookDeliveryGrain")]
public interface IWebhookDeliveryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Asks the webhook to claim its due deliveries from the store: the router calls it after recording new ones,
    /// the sweep after a restart or a long wait.
    /// </summary>
    [OneWay, Alias("Wake")]
    Task Wake();

    /// <summary>Queues the owner's disabling mail if the webhook still owes it (the sweep calls this).</summary>
    [OneWay, Alias("SendOwedNotice")]
    Task SendOwedNotice();
}
