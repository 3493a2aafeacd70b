using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Qase.Webhooks.Hosting.Storage;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>The grain-state serializers a silo has, for tests that read or write stored rows themselves.</summary>
public static class StateSerializers
{
    // A silo's services, built and never started: Orleans' own serializers as a silo configures them.
    private static readonly IServiceProvider Services = Host.CreateDefaultBuilder()
        .UseOrleans(silo => silo.UseLocalhostClustering())
        .Build().Services;

    /// <summary>Orleans' default JSON form, in which earlier versions stored every state.</summary>
    public static IGrainStorageSerializer Json { get; } = Services.GetRequiredService<IGrainStorageSerializer>();

    /// <summary>The form states are stored in now.</summary>
    public static StoredStateSerializer Stored { get; } = new(Services.GetRequiredService<Serializer>(), Json);
}
