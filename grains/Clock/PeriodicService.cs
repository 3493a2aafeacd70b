using Microsoft.Extensions.Hosting;

namespace Qase.Webhooks.Grains.Clock;

/// <summary>
/// A background loop that makes one pass at start and then one every <see cref="Period"/> on the service's
/// clock. A failed pass is reported and the next one runs as usual, so a database that is down for a while
/// only delays the work.
/// </summary>
public abstract class PeriodicService(TimeProvider clock) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected abstract TimeSpan Period { get; }

    protected abstract Task RunOnce(CancellationToken stoppingToken);

    protected abstract void OnFailure(Exception exception);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, Clock);
        do
        {
            try
            {
                await RunOnce(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                OnFailure(ex);
            }
        }
        while (await Tick(timer, stoppingToken));
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
}
