namespace Qase.Webhooks.Grains.Delivery;

/// <summary>A delivery waiting to be sent, with the envelope it carries (identical on every retry).</summary>
[GenerateSerializer, Immutable, Alias("qase.PendingDelivery")]
public sealed record PendingDelivery(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] string EventId,
    [property: Id(2)] string EventName,
    [property: Id(3)] byte[] Body,
    [property: Id(4)] int AttemptCount,
    [property: Id(5)] DateTimeOffset CreatedAt);
