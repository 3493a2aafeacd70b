namespace Qase.Webhooks.Grains.Storage;

/// <summary>
/// One write at a time for a reentrant grain: interleaved turns may both want to write its state, and grain storage
/// takes one write at a time per activation (the second would carry a stale ETag). A failed write lets the next one go.
/// </summary>
public sealed class SerialWrites
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task Run(Func<Task> write)
    {
        await _one.WaitAsync();
        try
        {
            await write();
        }
        finally
        {
            _one.Release();
        }
    }
}
