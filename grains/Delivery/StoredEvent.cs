namespace Qase.Webhooks.Grains.Delivery;

/// <summary>An event to record with its deliveries: one per subscribed webhook, keyed by the webhook grain's key.</summary>
public sealed record StoredEvent(
    string EventId,
    string EventName,
    byte[] Body,
    string? IdempotencyKey,
    IReadOnlyList<(string DeliveryId, string WebhookKey)> Deliveries);
