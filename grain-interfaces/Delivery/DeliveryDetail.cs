namespace Qase.Webhooks.Contracts.Delivery;

/// <summary>A delivery with its request and every attempt, oldest first.</summary>
/// <param name="Delivery">The delivery as the log lists it.</param>
/// <param name="Request">What is sent to the endpoint, with the secret and the signature redacted.</param>
/// <param name="Attempts">Every HTTP attempt so far, oldest first; empty before the first.</param>
[GenerateSerializer, Immutable, Alias("qase.DeliveryDetail")]
public sealed record DeliveryDetail(
    [property: Id(0)] DeliveryRecord Delivery,
    [property: Id(1)] DeliveryRequest Request,
    [property: Id(2)] IReadOnlyList<DeliveryAttempt> Attempts);
