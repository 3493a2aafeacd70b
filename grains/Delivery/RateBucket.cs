namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// A token bucket of attempt starts: it fills at the limit per second and holds at most one second's worth, so a
/// webhook never starts more than its limit in any second after a first burst. Time comes from the caller (the
/// grain's clock); it belongs to one pump and needs no lock.
/// </summary>
public sealed class RateBucket
{
    private double _tokens = -1; // full at the first use: a webhook's first second may use its whole allowance
    private DateTimeOffset _at;

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
        return _tokens >= 1 ? now : now + TimeSpan.FromSeconds((1 - _tokens) / limit);
    }

    private void Refill(int limit, DateTimeOffset now)
    {
        if (_tokens < 0)
        {
            _tokens = limit;
        }
        else if (now > _at)
        {
            _tokens = Math.Min(limit, _tokens + (now - _at).TotalSeconds * limit);
        }
        else
        {
            _tokens = Math.Min(limit, _tokens); // a lowered limit takes effect at once
        }
        _at = now > _at ? now : _at;
    }
}
