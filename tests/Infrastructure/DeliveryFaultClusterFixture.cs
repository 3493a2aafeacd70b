using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Grains.Storage;
using Qase.Webhooks.Hosting;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// An in-process cluster whose outbox and grain storage fail when a test asks them to, with a real
/// receiver on loopback, short retries and a fast sweep: what the delivery path does when its own parts fail.
/// </summary>
public sealed class DeliveryFaultClusterFixture : IAsyncLifetime
{
    private const string InnerStorage = "inner";

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public FaultyDeliveryStore Store { get; } = new(new InMemoryDeliveryStore());

    public FlakyGrainStorage Storage { get; private set; } = null!;

    public Receiver Receiver { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Receiver = await Receiver.Start();
        var builder = new InProcessTestClusterBuilder(1); // one silo: one recorder, so a test decides what shares a batch
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(InnerStorage);
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, (services, _) =>
                Storage = new FlakyGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(InnerStorage)));
            silo.UseInMemoryReminderService();
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Delivery:AllowPrivateNetworks"] = "true",
                    ["Delivery:RetrySchedule:0"] = "00:00:00.300",
                    ["Delivery:SweepInterval"] = "00:00:01",
                    ["Health:CheckPeriod"] = "00:00:01",
                })
                .Build();
            silo.AllowShortHealthChecks(silo.Services.AddQaseSiloServices(configuration));
            silo.Services.AddSingleton<IDeliveryStore>(Store);
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
        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name), Trait("Category", "Slow")]
public sealed class DeliveryFaultClusterCollection : ICollectionFixture<DeliveryFaultClusterFixture>
{
    public const string Name = "delivery fault cluster";
}
