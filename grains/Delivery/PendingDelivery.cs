namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// A delivery waiting to be sent, with the envelope it carries (identical on every retry) and, when the publish
/// that made it was traced, that publish's W3C <c>traceparent</c>: its attempts join or link to that trace.
/// </summary>
[GenerateSerializer, Immutable, Alias("qase.PendingDelivery")]
public sealed record PendingDelivery(
    [property: Id(0)] string DeliveryId,
    [property: Id(2)] string EventName,
    [property: Id(3)] byte[] Body,
    [property: Id(4)] int AttemptCount,
    [property: Id(6)] string? TraceContext = null);
