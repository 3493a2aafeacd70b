using Orleans.Storage;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>Grain storage that fails the operations a test armed in <see cref="StorageFaults"/>, and passes the rest on.</summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
{
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
