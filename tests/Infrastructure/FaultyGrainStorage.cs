using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Qase.Webhooks.Grains.Storage;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>Grain storage that fails the operations a test armed in <see cref="StorageFaults"/>, and passes the rest on.</summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
{
    /// <summary>Wraps the service's grain storage, as registered, in one that fails on demand.</summary>
    public static void Decorate(IServiceCollection services, StorageFaults faults)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, StorageNames.Default));
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default,
            (provider, key) => new FaultyGrainStorage((IGrainStorage)registered.KeyedImplementationFactory!(provider, key), faults));
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.Hit(stateName, StorageOperation.Read);
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.Hit(stateName, StorageOperation.Write);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.Hit(stateName, StorageOperation.Clear);
        return inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
