namespace Qase.Webhooks.Contracts.Delivery;

public enum DeliveryStatus
{
    /// <summary>Waiting for its first attempt or for a retry.</summary>
    Pending = 0,
    Succeeded = 1,

    /// <summary>Given up: the webhook was disabled or deleted before an attempt succeeded.</summary>
    Failed = 2,
}
