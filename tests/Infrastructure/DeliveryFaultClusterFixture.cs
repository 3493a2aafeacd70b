using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Grains.Delivery;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// An in-process cluster whose outbox and grain storage fail when a test asks them to, with a real
/// receiver on loopback, short retries and a fast sweep: what the delivery path does when its own parts fail.
/// </summary>
public sealed class DeliveryFaultClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public FaultyDeliveryStore Store { get; } = new(new InMemoryDeliveryStore());

    public FlakyGrainStorage Storage { get; private set; } = null!;

    public Receiver Receiver { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Receiver = await Receiver.Start();
        // One silo: one recorder, so a test decides what shares a batch.
        Cluster = await InProcessSilos.Deploy(1, silo =>
        {
            InProcessSilos.AddProduct(silo, new Dictionary<string, string?>
            {
                ["Delivery:RetrySchedule:0"] = "00:00:00.300",
                ["Delivery:SweepInterval"] = "00:00:01",
                ["Health:CheckPeriod"] = "00:00:01",
            }, inner => Storage = new FlakyGrainStorage(inner));
            silo.Services.AddSingleton<IDeliveryStore>(Store);
        });
    }

    public async ValueTask DisposeAsync()
    {
        await InProcessSilos.Stop(Cluster);
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
