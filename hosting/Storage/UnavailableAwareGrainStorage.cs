using Orleans.Runtime;
using Orleans.Storage;
using Qase.Webhooks.Contracts.Problems;

namespace Qase.Webhooks.Hosting.Storage;

/// <summary>
/// Grain state in PostgreSQL, with a database that is down reported as <see cref="ServiceUnavailableException"/>.
/// A grain that cannot load its state fails before any grain call filter runs, and the driver's own exceptions
/// cannot cross the wire; so the storage says it, and every caller gets an answer it can read (the api: 503).
/// </summary>
public sealed class UnavailableAwareGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => inner.ClearStateAsync(stateName, grainId, grainState));

    // The provider prepares its statements at silo start.
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    private static async Task Guard(Func<Task> operation)
    {
        try
        {
            await operation();
        }
        catch (Exception ex) when (ex is not ServiceUnavailableException && Unavailability.IsTransient(ex))
        {
            throw new ServiceUnavailableException($"The grain state store is not available: {ex.Message}");
        }
    }
}
