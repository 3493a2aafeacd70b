using Microsoft.Extensions.Logging;

namespace Qase.Webhooks.Hosting;

/// <summary>
/// The api in client mode never gives up on the cluster: whatever the first attempts meet (no gateway in the
/// membership table, the dead gateways of stale rows, a database that is down), it tries again with a wait
/// growing to a few seconds, so it joins by itself as soon as a silo is up.
/// </summary>
public sealed partial class EndlessConnectionRetry(ILogger<EndlessConnectionRetry> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(3);
    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        var wait = TimeSpan.FromMilliseconds(Math.Min(MaxWait.TotalMilliseconds, 250 * attempt));
        LogRetry(attempt, wait.TotalSeconds, exception.Message);
        await Task.Delay(wait, cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster is not reachable yet (attempt {Attempt}); trying again in {Seconds} s: {Reason}")]
    private partial void LogRetry(int attempt, double seconds, string reason);
}
