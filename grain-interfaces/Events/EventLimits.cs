namespace Qase.Webhooks.Contracts.Events;

public static class EventLimits
{
    /// <summary>The largest event: its payload, and a single-event request body.</summary>
    public const int MaxEventBytes = 256 * 1024;

    public const int MaxBatchEvents = 1000;

    public const int MaxIdempotencyKeyLength = 255;

    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);
}
