namespace Qase.Webhooks.Contracts.Delivery;

[GenerateSerializer, Immutable, Alias("qase.DeliveryPage")]
public sealed record DeliveryPage(
    [property: Id(0)] IReadOnlyList<DeliveryRecord> Items,
    [property: Id(1)] string? NextCursor);
