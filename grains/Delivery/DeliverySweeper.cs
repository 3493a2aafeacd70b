using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qase.Webhooks.Grains.Clock;
using Qase.Webhooks.Grains.Metrics;
using Qase.Webhooks.Grains.Notifications;
using Qase.Webhooks.Grains.Webhooks;

namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// Finds pending work that no active grain is holding — after a restart, a silo's death, or a long
/// retry wait the grain was collected through — and wakes its webhook, the longest waiting first; finds
/// disabling mails still owed and has their webhooks queue them; purges the old log and counts what is
/// waiting. Every silo sweeps; a second wake-up of the same webhook is harmless.
/// </summary>
public sealed partial class DeliverySweeper(
    IDeliveryStore store,
    IMailOutbox mail,
    IGrainFactory grains,
    IOptions<DeliveryOptions> options,
    ServiceMetrics metrics,
    TimeProvider clock,
    ILogger<DeliverySweeper> logger) : PeriodicService(clock)
{
    private const int WakeBatch = 1000;
    private DateTimeOffset _lastPurge = DateTimeOffset.MinValue;

    protected override TimeSpan Period => options.Value.SweepInterval;

    protected override async Task RunOnce(CancellationToken stoppingToken)
    {
        var now = Clock.GetUtcNow();
        foreach (var key in await store.WebhooksWithDueWork(now, WakeBatch))
        {
            await grains.GetGrain<IWebhookDeliveryGrain>(key).Wake();
        }
        // Owed for longer than a pass: the disabling turn itself is not racing us, its mail was lost on the way.
        foreach (var key in await mail.Owing(now - Period, WakeBatch))
        {
            await grains.GetGrain<IWebhookDeliveryGrain>(key).SendOwedNotice();
        }
        if (now - _lastPurge >= options.Value.PurgeInterval)
        {
            var removed = await store.Purge(now - options.Value.Retention, now);
            if (removed > 0)
            {
                LogPurged(removed);
            }
            _lastPurge = now;
        }
        metrics.Waiting(await store.CountPending());
    }

    protected override void OnFailure(Exception exception) => LogSweepFailed(exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} finished deliveries past their retention.")]
    private partial void LogPurged(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The delivery sweep failed; it will run again.")]
    private partial void LogSweepFailed(Exception ex);
}
