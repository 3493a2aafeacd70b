namespace Qase.Webhooks.Bench;

/// <summary>Requests one receiver path has had, and a signal when a count is reached.</summary>
public sealed class PathCounter
{
    private long _count;
    private long _target = long.MaxValue;
    private TaskCompletionSource _reached = new();

    public long Count => Interlocked.Read(ref _count);

    /// <summary>
    /// Completes once the count reaches <paramref name="target"/>; one waiter at a time. Call it before
    /// sending (it starts waiting at once); it fails if the requests stop short, e.g. deliveries failing.
    /// </summary>
    public async Task WhenReached(long target, TimeSpan within)
    {
        _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _target, target);
        if (Count >= target)
        {
            _reached.TrySetResult();
        }
        try
        {
            await _reached.Task.WaitAsync(within);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Only {Count} of {target} requests arrived within {within.TotalSeconds:0} s.");
        }
    }

    public void Add()
    {
        if (Interlocked.Increment(ref _count) >= Interlocked.Read(ref _target))
        {
            _reached.TrySetResult();
        }
    }
}
