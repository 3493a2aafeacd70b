namespace Qase.Webhooks.Bench;

/// <summary>Requests one receiver path has had, and a signal when a count is reached.</summary>
public sealed class PathCounter
{
    private long _count;
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

    public void Add()
    {
        if (Interlocked.Increment(ref _count) >= Interlocked.Read(ref _target))
        {
            _reached.TrySetResult();
        }
    }
}
