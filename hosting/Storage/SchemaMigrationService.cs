using Microsoft.Extensions.Hosting;

namespace Qase.Webhooks.Hosting.Storage;

/// <summary>Brings the schema up to date before the silo starts (registered ahead of Orleans, so it runs first).</summary>
internal sealed class SchemaMigrationService(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.Migrate(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
