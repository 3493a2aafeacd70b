using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Workspaces;
using Qase.Webhooks.Grains.Delivery;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// One in-process Orleans cluster for the grain tests: the product's grains on memory storage and
/// in-memory reminders, reached through a real client so every call crosses the serializer.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly InMemoryDeliveryStore _store = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        Cluster = await InProcessSilos.Deploy(2, silo =>
        {
            InProcessSilos.AddProduct(silo);
            silo.Services.AddSingleton<IDeliveryStore>(_store); // one outbox for every silo, as a database would be
        });
    }

    public ValueTask DisposeAsync() => InProcessSilos.Stop(Cluster);

    /// <summary>A new workspace on <paramref name="plan"/>, created through its grain.</summary>
    public async Task<IWorkspaceGrain> CreateWorkspace(WorkspacePlan plan = WorkspacePlan.Startup)
    {
        var workspace = Client.GetGrain<IWorkspaceGrain>(ResourceId.New("ws"));
        await workspace.Create(new NewWorkspace("Acme", plan, "owner@example.com"));
        return workspace;
    }

    /// <summary>A new workspace on <paramref name="plan"/> with one project <paramref name="code"/>; returns the workspace id.</summary>
    public async Task<string> CreateProject(string code = "DEMO", WorkspacePlan plan = WorkspacePlan.Startup)
    {
        var workspace = await CreateWorkspace(plan);
        await workspace.CreateProject(new NewProject(code, "Demo project"));
        return workspace.GetPrimaryKeyString();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
