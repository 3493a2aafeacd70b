namespace Qase.Webhooks.Contracts.Delivery;

/// <summary>One event's delivery to one webhook, as the delivery log lists it.</summary>
[GenerateSerializer, Immutable, Alias("qase.DeliveryRecord")]
public sealed record DeliveryRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string WebhookId,
    [property: Id(2)] string EventId,
    [property: Id(3)] string EventName,
    [property: Id(4)] DeliveryStatus Status,
    [property: Id(5)] int AttemptCount,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset? LastAttemptAt,
    [property: Id(8)] DateTimeOffset? NextAttemptAt,
    [property: Id(9)] int? ResponseStatus,
    [property: Id(10)] long? DurationMs,
    [property: Id(11)] string? Error);
