namespace Qase.Webhooks.Contracts.Delivery;

/// <summary>A webhook's attempts in one clock hour (UTC): how many succeeded and failed, and their response times.</summary>
/// <param name="Start">The first instant of the hour.</param>
/// <param name="Succeeded">Attempts answered with a <c>2xx</c> status.</param>
/// <param name="Failed">Every other attempt: another status, a timeout, a connection that failed.</param>
/// <param name="P50Ms">The median duration of the hour's attempts (nearest rank), <c>null</c> when there were none.</param>
/// <param name="P95Ms">The 95th percentile duration (nearest rank), <c>null</c> when there were none.</param>
[GenerateSerializer, Immutable, Alias("qase.HourStats")]
public sealed record HourStats(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] int Succeeded,
    [property: Id(2)] int Failed,
    [property: Id(3)] long? P50Ms,
    [property: Id(4)] long? P95Ms)
{
    /// <summary>The longest window a caller may ask for: 30 days, the log's default retention.</summary>
    public const int MaxHours = 720;

    /// <summary>What a caller is told when <c>hours</c> is not a number in range.</summary>
    public static string HoursRule { get; } = $"must be a whole number from 1 to {MaxHours}.";
}
