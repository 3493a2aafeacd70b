using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Cluster;

/// <summary>
/// A multi-process test's loopback receiver and its processes on a database of their own, made before each test and
/// stopped after it, processes first so that nothing is still delivering when the receiver goes.
/// </summary>
public abstract class ClusterWithReceiverTest(PostgresServer postgres, string adminToken) : IAsyncLifetime
{
    /// <summary>The shared PostgreSQL server, for tests that stop and start it.</summary>
    protected PostgresServer Postgres => postgres;

    protected Receiver Receiver { get; private set; } = null!;

    protected ProcessCluster Processes { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Receiver = await Receiver.Start();
        Processes = ProcessCluster.On(await postgres.CreateDatabase(), adminToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Processes.DisposeAsync();
        await Receiver.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
