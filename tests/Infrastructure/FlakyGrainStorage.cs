using Orleans.Storage;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>Grain storage whose next N writes of one grain throw; reads and everything else pass through.</summary>
public sealed class FlakyGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly Dictionary<string, int> _faults = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="count"/> writes of the grain whose key is <paramref name="grainKey"/> throw.</summary>
    public void FailNextWrites(string grainKey, int count)
    {
        lock (_faults)
        {
            _faults[grainKey] = count;
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_faults)
        {
            var key = grainId.Key.ToString();
            if (_faults.TryGetValue(key, out var left) && left > 0)
            {
                _faults[key] = left - 1;
                throw new InjectedFaultException($"writing {stateName} of {grainId} failed on purpose");
            }
        }
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
