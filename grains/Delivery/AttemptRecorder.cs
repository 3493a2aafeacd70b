using Microsoft.Extensions.Logging;

namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// Writes the finished attempts of every webhook on this silo: outcomes gather while the previous write is
/// in flight and go out as one multi-row <see cref="IDeliveryStore.Record"/> (the hot path's I/O batched
/// across webhooks). A write that fails keeps its outcomes and is tried again with a growing wait, so an
/// attempt made during a database outage is recorded when the database is back and never sent again meanwhile;
/// a batch the store refuses is split, so one bad outcome does not hold back every webhook's.
/// </summary>
public sealed partial class AttemptRecorder(IDeliveryStore store, ILogger<AttemptRecorder> logger)
{
    private const int MaxBatch = 4096;
    private const int Parts = 16;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private List<(AttemptOutcome Outcome, TaskCompletionSource Written)> _waiting = [];
    private bool _writing;

    /// <summary>Queues an outcome; the task completes once it is in the store.</summary>
    public Task Record(AttemptOutcome outcome)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiting.Add((outcome, written));
            if (_writing)
            {
                return written.Task;
            }
            _writing = true;
        }
        // Off the caller's scheduler: grains hand outcomes over and go on.
        _ = Task.Run(WriteAll);
        return written.Task;
    }

    private async Task WriteAll()
    {
        var wait = FirstRetry;
        while (true)
        {
            List<(AttemptOutcome Outcome, TaskCompletionSource Written)> batch;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _writing = false;
                    return;
                }
                if (_waiting.Count <= MaxBatch)
                {
                    batch = _waiting;
                    _waiting = [];
                }
                else
                {
                    batch = _waiting[..MaxBatch];
                    _waiting.RemoveRange(0, MaxBatch);
                }
            }
            var failed = await Write(batch).ConfigureAwait(false);
            if (failed.Count == 0)
            {
                wait = FirstRetry;
                continue;
            }
            lock (_lock)
            {
                _waiting.InsertRange(0, failed);
            }
            await Task.Delay(wait).ConfigureAwait(false);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LastRetry.Ticks));
        }
    }

    // Writes the batch; when that fails, writes it again in a few parts, so one outcome the store refuses holds
    // back only its part. Answers what is still unwritten.
    private async Task<List<(AttemptOutcome Outcome, TaskCompletionSource Written)>> Write(
        List<(AttemptOutcome Outcome, TaskCompletionSource Written)> batch)
    {
        if (await TryWrite(batch).ConfigureAwait(false) is not { } error)
        {
            return [];
        }
        LogRecordFailed(error, batch.Count);
        if (batch.Count == 1)
        {
            return batch;
        }
        var failed = new List<(AttemptOutcome Outcome, TaskCompletionSource Written)>();
        foreach (var part in batch.Chunk((batch.Count + Parts - 1) / Parts))
        {
            if (await TryWrite(part).ConfigureAwait(false) is not null)
            {
                failed.AddRange(part);
            }
        }
        return failed;
    }

    private async Task<Exception?> TryWrite(IReadOnlyList<(AttemptOutcome Outcome, TaskCompletionSource Written)> part)
    {
        try
        {
            await store.Record([.. part.Select(b => b.Outcome)]).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return ex;
        }
        foreach (var (_, written) in part)
        {
            written.SetResult();
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record {Count} finished attempts; they are kept and written again shortly.")]
    private partial void LogRecordFailed(Exception ex, int count);
}
