using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Qase.Webhooks.Grains.Storage;
using Qase.Webhooks.Hosting;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>One silo whose grain storage counts and times its writes (<see cref="RecordingGrainStorage"/>).</summary>
public sealed class RecordingStorageClusterFixture : IAsyncLifetime
{
    private const string InnerStorage = "inner";

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public RecordingGrainStorage Storage { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(InnerStorage);
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, (services, _) =>
                Storage = new RecordingGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(InnerStorage)));
            silo.UseInMemoryReminderService();
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Delivery:AllowPrivateNetworks"] = "true" })
                .Build();
            silo.AllowShortHealthChecks(silo.Services.AddQaseSiloServices(configuration));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }
    }
}
