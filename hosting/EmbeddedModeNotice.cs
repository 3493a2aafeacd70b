using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Qase.Webhooks.Hosting;

/// <summary>Says at start, where operators look, that the embedded mode keeps nothing across restarts.</summary>
internal sealed class EmbeddedModeNotice(ILogger<EmbeddedModeNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning(
            "Embedded mode: one co-hosted silo with in-memory storage and reminders. NOTHING IS DURABLE: workspaces, " +
            "webhooks and pending deliveries are lost when this process stops. Set ConnectionStrings:Postgres for a durable service.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
