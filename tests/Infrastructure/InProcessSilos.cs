using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Qase.Webhooks.Grains.Storage;
using Qase.Webhooks.Hosting;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// What the in-process cluster fixtures share: the product's silo services on memory grain storage (wrapped, when a
/// fixture injects faults or records writes) and in-memory reminders, private networks allowed for loopback receivers.
/// </summary>
public static class InProcessSilos
{
    private const string InnerStorage = "inner";

    /// <summary>Adds the product to <paramref name="silo"/> with <paramref name="settings"/> over the fixtures' defaults.</summary>
    public static void AddProduct(ISiloBuilder silo, IReadOnlyDictionary<string, string?>? settings = null,
        Func<IGrainStorage, IGrainStorage>? wrapStorage = null)
    {
        if (wrapStorage is null)
        {
            silo.AddMemoryGrainStorage(StorageNames.Default);
        }
        else
        {
            silo.AddMemoryGrainStorage(InnerStorage);
            silo.Services.AddKeyedSingleton(StorageNames.Default,
                (services, _) => wrapStorage(services.GetRequiredKeyedService<IGrainStorage>(InnerStorage)));
        }
        silo.UseInMemoryReminderService();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Delivery:AllowPrivateNetworks"] = "true" })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        silo.AllowShortHealthChecks(silo.Services.AddQaseSiloServices(configuration));
    }

    /// <summary>Builds and starts a cluster of <paramref name="silos"/> configured by <paramref name="configure"/>.</summary>
    public static async Task<InProcessTestCluster> Deploy(short silos, Action<ISiloBuilder> configure)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) => configure(silo));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>Stops a cluster that a fixture may not have got as far as starting.</summary>
    public static async ValueTask Stop(InProcessTestCluster? cluster)
    {
        if (cluster is not null)
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
