using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Workspaces;
using Qase.Webhooks.Grains.Notifications;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// An in-process cluster whose grain storage and mail queue fail on demand (<see cref="Faults"/>,
/// <see cref="Mail"/>), with a receiver for its webhooks: what fault-injection tests run on.
/// Sweeps every second and caps disabling mails at <see cref="MaxMailsPerDay"/>.
/// </summary>
public sealed class FaultClusterFixture : IAsyncLifetime
{
    public const int MaxMailsPerDay = 3;

    public StorageFaults Faults { get; } = new();

    public RecordingMailOutbox Mail { get; } = new();

    public RecordingLoggerProvider Logs { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public Receiver Receiver { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Receiver = await Receiver.Start();
        // One silo, as the embedded mode: its delivery store and mail queue are the process's own memory.
        Cluster = await InProcessSilos.Deploy(1, silo =>
        {
            InProcessSilos.AddProduct(silo, new Dictionary<string, string?>
            {
                ["Delivery:SweepInterval"] = "00:00:01",
                ["Delivery:RetrySchedule:0"] = "00:00:00.300",
                ["Health:MaxMailsPerDay"] = MaxMailsPerDay.ToString(),
            }, inner => new FaultyGrainStorage(inner, Faults));
            silo.Services.AddSingleton<IMailOutbox>(Mail);
            silo.Services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
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

    /// <summary>A new workspace on <paramref name="plan"/> and the token it was created with.</summary>
    public async Task<(IWorkspaceGrain Workspace, IssuedToken Token)> CreateWorkspace(WorkspacePlan plan = WorkspacePlan.Startup, string owner = "owner@example.com")
    {
        var workspace = Client.GetGrain<IWorkspaceGrain>(ResourceId.New("ws"));
        var created = await workspace.Create(new NewWorkspace("Acme", plan, owner));
        return (workspace, created.Token);
    }
}

[CollectionDefinition(Name), Trait("Category", "Slow")]
public sealed class FaultClusterCollection : ICollectionFixture<FaultClusterFixture>
{
    public const string Name = "fault-cluster";
}
