namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// A token bucket of attempt starts: it fills at the limit per second and holds a tenth of a second's worth (at
/// least one start). Under a backlog the starts are spaced evenly; a pump that was held up for a moment (a slow
/// claim, a late timer) catches up by at most that tenth, so no second gets more than about 10 % over the limit.
/// Time comes from the caller (the grain's clock); it belongs to one pump and needs no lock.
/// </summary>
public sealed class RateBucket
{
    private const double BurstSeconds = 0.1;

    private double _tokens = -1; // full at the first use
    private DateTimeOffset _at;

    /// <summary>How many starts may go at once after a pause, for <paramref name="limit"/> per second.</summary>
    public static double Burst(int limit) => Math.Max(1, limit * BurstSeconds);

    /// <summary>Takes one start; <c>false</c> when the limit is reached for now.</summary>
    public bool TryTake(int? limit, DateTimeOffset now)
    {
        if (limit is not { } perSecond)
        {
            return true;
        }
        Refill(perSecond, now);
        if (_tokens < 1)
        {
            return false;
        }
        _tokens -= 1;
        return true;
    }

    /// <summary>When the next start is allowed (after a <see cref="TryTake"/> that answered <c>false</c>).</summary>
    public DateTimeOffset NextAt(int limit, DateTimeOffset now)
    {
        Refill(limit, now);
        // Rounded up to a whole tick: a shortfall too small to show in ticks must still move the time on.
        return _tokens >= 1 ? now : now + TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling((1 - _tokens) / limit * TimeSpan.TicksPerSecond)));
    }

    private void Refill(int limit, DateTimeOffset now)
    {
        var burst = Burst(limit);
        if (_tokens < 0)
        {
            _tokens = burst;
        }
        else
        {
            // A lowered limit takes effect at once; a clock that went back adds nothing.
            var elapsed = now > _at ? (now - _at).TotalSeconds : 0;
            _tokens = Math.Min(burst, _tokens + elapsed * limit);
        }
        _at = now > _at ? now : _at;
    }
}
