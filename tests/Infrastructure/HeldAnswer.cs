namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// Holds the answers of a store operation until <see cref="Open"/>: the operation has done its work (read or
/// committed) when <see cref="Reached"/> completes with what the first held call would answer.
/// </summary>
public sealed class HeldAnswer<T>
{
    private readonly TaskCompletionSource<T> _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Reached => _reached.Task;

    public void Open() => _open.TrySetResult();

    internal async Task<T> Hold(T answer)
    {
        _reached.TrySetResult(answer);
        await _open.Task;
        return answer;
    }
}
