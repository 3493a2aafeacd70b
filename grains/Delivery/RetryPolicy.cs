namespace Qase.Webhooks.Grains.Delivery;

/// <summary>When a failed delivery is tried again: the configured schedule with ±20 % jitter, or a longer <c>Retry-After</c>.</summary>
public static class RetryPolicy
{
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    /// <param name="attempts">Attempts made so far, the failed one included (1 after the first attempt).</param>
    public static TimeSpan Delay(IReadOnlyList<TimeSpan> schedule, int attempts, TimeSpan? retryAfter, Random random)
    {
        var scheduled = schedule[Math.Clamp(attempts - 1, 0, schedule.Count - 1)];
        var jittered = scheduled * (0.8 + 0.4 * random.NextDouble());
        return retryAfter is { } asked && asked > jittered
            ? (asked > MaxRetryAfter ? MaxRetryAfter : asked)
            : jittered;
    }
}
