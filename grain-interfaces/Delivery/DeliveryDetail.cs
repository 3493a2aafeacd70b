namespace Qase.Webhooks.Contracts.Delivery;

/// <summary>A delivery with its request and every attempt, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("qase.DeliveryDetail")]
public sealed record DeliveryDetail(
    [property: Id(0)] DeliveryRecord Delivery,
    [property: Id(1)] DeliveryRequest Request,
    [property: Id(2)] IReadOnlyList<DeliveryAttempt> Attempts);
