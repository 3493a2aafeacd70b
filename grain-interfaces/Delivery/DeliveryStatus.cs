namespace Qase.Webhooks.Contracts.Delivery;

/// <summary>Where a delivery stands; on the wire <c>pending</c>, <c>succeeded</c> or <c>failed</c>.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting for its first attempt or for a retry.</summary>
    Pending = 0,

    /// <summary>An attempt got a <c>2xx</c> status in time; no more attempts follow unless it is redelivered.</summary>
    Succeeded = 1,

    /// <summary>
    /// Given up: the webhook was disabled before an attempt succeeded (<see cref="Webhooks.IWebhookGrain.Recover"/> sends
    /// it again), or the single attempt of a test delivery failed.
    /// </summary>
    Failed = 2,
}
