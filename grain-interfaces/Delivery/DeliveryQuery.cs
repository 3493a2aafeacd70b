namespace Qase.Webhooks.Contracts.Delivery;

/// <summary>A page of the delivery log, newest first; <paramref name="Cursor"/> is a previous page's <c>next_cursor</c>.</summary>
/// <param name="Status">Only deliveries in this status; <c>null</c> for all.</param>
/// <param name="Limit">
/// How many to answer, 1 to <see cref="MaxLimit"/> (<see cref="DefaultLimit"/> unless given); anything else is a
/// validation error on <c>limit</c>.
/// </param>
/// <param name="Cursor">
/// A previous page's <see cref="DeliveryPage.NextCursor"/>, to go on with older deliveries; <c>null</c> for the newest.
/// </param>
[GenerateSerializer, Immutable, Alias("qase.DeliveryQuery")]
public sealed record DeliveryQuery(
    [property: Id(0)] DeliveryStatus? Status = null,
    [property: Id(1)] int Limit = DeliveryQuery.DefaultLimit,
    [property: Id(2)] string? Cursor = null)
{
    /// <summary>The page size when none is asked for: 20 deliveries.</summary>
    public const int DefaultLimit = 20;

    /// <summary>The largest page: 100 deliveries.</summary>
    public const int MaxLimit = 100;
}
