namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// An event to record with its deliveries: one per subscribed webhook, keyed by the webhook grain's key; with the
/// publish's W3C <c>traceparent</c>, when it was traced, for the attempts made later to link to.
/// </summary>
public sealed record StoredEvent(
    string EventId,
    string EventName,
    byte[] Body,
    string? IdempotencyKey,
    IReadOnlyList<(string DeliveryId, string WebhookKey)> Deliveries,
    string? TraceContext = null);
