namespace Qase.Webhooks.Bench;

/// <summary>Requests one receiver path has had, how many overlapped at most, and a signal when a count is reached.</summary>
public sealed class PathCounter
{
    private long _count;
    private int _inFlight;
    private int _maxInFlight;
    private long _target = long.MaxValue;
    private TaskCompletionSource _reached = new();

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Completes once the count reaches <paramref name="target"/>; one waiter at a time.</summary>
    public Task WhenReached(long target)
    {
        _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _target, target);
        if (Count >= target)
        {
            _reached.TrySetResult();
        }
        return _reached.Task;
    }

    public void Started()
    {
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }
    }

    public void Finished()
    {
        Interlocked.Decrement(ref _inFlight);
        if (Interlocked.Increment(ref _count) >= Interlocked.Read(ref _target))
        {
            _reached.TrySetResult();
        }
    }

    /// <summary>The most requests in the handler at once since the last call.</summary>
    public int TakeMaxInFlight() => Interlocked.Exchange(ref _maxInFlight, 0);
}
