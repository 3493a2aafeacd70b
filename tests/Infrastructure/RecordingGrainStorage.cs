using System.Collections.Concurrent;
using Orleans.Storage;
using Qase.Webhooks.Grains.Routing;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// Grain storage that counts writes per state name and takes <see cref="WriteDelay"/> over each, as a database
/// commit would; for router states it also records which routes each router's last completed write made durable.
/// </summary>
public sealed class RecordingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly ConcurrentDictionary<string, int> _writes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> _durableRoutes = new(StringComparer.Ordinal);

    public TimeSpan WriteDelay { get; set; }

    /// <summary>How many writes of <paramref name="stateName"/> states have started.</summary>
    public int Writes(string stateName) => _writes.GetValueOrDefault(stateName);

    /// <summary>The webhook ids in the last completed write of the router of <paramref name="routerKey"/>.</summary>
    public IReadOnlySet<string> DurableRoutes(string routerKey) =>
        _durableRoutes.GetValueOrDefault(routerKey) ?? new HashSet<string>();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _writes.AddOrUpdate(stateName, 1, (_, count) => count + 1);
        // What is written is what the grain holds when the write starts, as a provider that serializes first.
        var routes = grainState.State is RouterState router ? router.Routes.Keys.ToHashSet(StringComparer.Ordinal) : null;
        await Task.Delay(WriteDelay);
        await inner.WriteStateAsync(stateName, grainId, grainState);
        if (routes is not null)
        {
            _durableRoutes[grainId.Key.ToString()!] = routes;
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
