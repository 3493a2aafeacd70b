using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qase.Webhooks.Hosting;
using Qase.Webhooks.Webhooks;

namespace Qase.Webhooks.Delivery;

/// <summary>
/// Finds pending work that no active grain is holding — after a restart, a silo's death, or a long
/// retry wait the grain was collected through — and wakes its webhook; purges the old log and counts
/// what is waiting. Every silo sweeps; a second wake-up of the same webhook is harmless.
/// </summary>
public sealed partial class DeliverySweeper(
    IDeliveryStore store,
    IGrainFactory grains,
    IOptions<DeliveryOptions> options,
    ServiceMetrics metrics,
    TimeProvider clock,
    ILogger<DeliverySweeper> logger) : BackgroundService
{
    private const int WakeBatch = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastPurge = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                lastPurge = await Sweep(lastPurge);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(ex);
            }
        }
        while (await Tick(timer, stoppingToken));
    }

    private async Task<DateTimeOffset> Sweep(DateTimeOffset lastPurge)
    {
        var now = clock.GetUtcNow();
        foreach (var key in await store.WebhooksWithDueWork(now, WakeBatch))
        {
            await grains.GetGrain<IWebhookGrain>(key).Wake();
        }
        if (now - lastPurge >= options.Value.PurgeInterval)
        {
            var removed = await store.Purge(now - options.Value.Retention, now);
            if (removed > 0)
            {
                LogPurged(removed);
            }
            lastPurge = now;
        }
        metrics.Waiting(await store.CountPending());
        return lastPurge;
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} finished deliveries past their retention.")]
    private partial void LogPurged(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The delivery sweep failed; it will run again.")]
    private partial void LogSweepFailed(Exception ex);
}
