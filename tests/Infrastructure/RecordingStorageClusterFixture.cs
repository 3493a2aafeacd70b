using Orleans.TestingHost;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>One silo whose grain storage counts and times its writes (<see cref="RecordingGrainStorage"/>).</summary>
public sealed class RecordingStorageClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public RecordingGrainStorage Storage { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Cluster = await InProcessSilos.Deploy(1, silo => InProcessSilos.AddProduct(silo, wrapStorage: inner => Storage = new RecordingGrainStorage(inner)));
    }

    public ValueTask DisposeAsync() => InProcessSilos.Stop(Cluster);
}
