namespace Qase.Webhooks.Contracts.Delivery;

/// <summary>One page of a webhook's delivery log, newest first.</summary>
/// <param name="Items">At most the query's <see cref="DeliveryQuery.Limit"/> deliveries, newest first.</param>
/// <param name="NextCursor">
/// The <see cref="DeliveryQuery.Cursor"/> of the next (older) page (<c>next_cursor</c> on the wire), or <c>null</c>
/// on the last page.
/// </param>
[GenerateSerializer, Immutable, Alias("qase.DeliveryPage")]
public sealed record DeliveryPage(
    [property: Id(0)] IReadOnlyList<DeliveryRecord> Items,
    [property: Id(1)] string? NextCursor);
