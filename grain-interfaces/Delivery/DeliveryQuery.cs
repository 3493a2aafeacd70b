namespace Qase.Webhooks.Contracts.Delivery;

/// <summary>A page of the delivery log, newest first; <paramref name="Cursor"/> is a previous page's <c>next_cursor</c>.</summary>
[GenerateSerializer, Immutable, Alias("qase.DeliveryQuery")]
public sealed record DeliveryQuery(
    [property: Id(0)] DeliveryStatus? Status = null,
    [property: Id(1)] int Limit = DeliveryQuery.DefaultLimit,
    [property: Id(2)] string? Cursor = null)
{
    public const int DefaultLimit = 20;

    public const int MaxLimit = 100;
}
