using System.Collections.Concurrent;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>Faults a test arms for <see cref="FaultyGrainStorage"/>: the next N writes or clears of a state name throw.</summary>
public sealed class StorageFaults
{
    private readonly ConcurrentDictionary<(string StateName, StorageOperation Operation), int> _armed = new();

    public void FailNext(string stateName, StorageOperation operation, int times = 1) => _armed[(stateName, operation)] = times;

    /// <summary>Throws when a fault is armed for this operation, using it up.</summary>
    public void Hit(string stateName, StorageOperation operation)
    {
        var key = (stateName, operation);
        while (_armed.TryGetValue(key, out var left) && left > 0)
        {
            if (_armed.TryUpdate(key, left - 1, left))
            {
                throw new InjectedStorageException($"injected fault: {operation} of '{stateName}' state");
            }
        }
    }
}

public enum StorageOperation
{
    Read,
    Write,
    Clear,
}
