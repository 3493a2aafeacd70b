using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Qase.Webhooks.Hosting;

/// <summary>Says at start, where operators look, that the embedded mode keeps nothing across restarts.</summary>
public sealed class EmbeddedModeNotice(ILogger<EmbeddedModeNotice> logger) : IHostedService
{
    /// <summary>What the embedded mode loses: the log's warning and the API's start-up banner say it alike.</summary>
    public const string Durability = "Nothing is durable: workspaces, webhooks and pending deliveries are lost when this process stops.";

    /// <summary>How to keep it.</summary>
    public const string MakeDurable = "Set ConnectionStrings:Postgres to a PostgreSQL database for a durable service.";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning("Embedded mode: one co-hosted silo with in-memory storage and reminders. {Durability} {MakeDurable}",
            Durability, MakeDurable);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
