namespace Qase.Webhooks.Hosting.Storage;

/// <summary>
/// The bodies of events by event id, for as long as anything in this silo still holds them (weakly referenced). An
/// event fanned out to a thousand webhooks is then one array in memory, not one per claimed delivery, and its bytes
/// come from PostgreSQL at most once while its deliveries are in the windows; a body nobody holds any more is
/// collected as usual and read again if it is needed again.
/// </summary>
public sealed class EventBodies
{
    // Dead entries are swept once the adds since the last sweep reach the size it left: amortized constant per add.
    private const int MinSweepInterval = 1024;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, WeakReference<byte[]>> _bodies = new(StringComparer.Ordinal);
    private int _addsUntilSweep = MinSweepInterval;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _bodies.Count;
            }
        }
    }

    public bool TryGet(string eventId, out byte[] body)
    {
        lock (_lock)
        {
            if (_bodies.TryGetValue(eventId, out var weak) && weak.TryGetTarget(out var live))
            {
                body = live;
                return true;
            }
        }
        body = [];
        return false;
    }

    /// <summary>The body to use for <paramref name="eventId"/>: the one already held in this silo, or else <paramref name="body"/>, kept from now on.</summary>
    public byte[] Share(string eventId, byte[] body)
    {
        lock (_lock)
        {
            if (_bodies.TryGetValue(eventId, out var weak))
            {
                if (weak.TryGetTarget(out var live))
                {
                    return live;
                }
                weak.SetTarget(body);
                return body;
            }
            _bodies[eventId] = new WeakReference<byte[]>(body);
            if (--_addsUntilSweep <= 0)
            {
                Sweep();
            }
            return body;
        }
    }

    private void Sweep()
    {
        foreach (var (eventId, weak) in _bodies)
        {
            if (!weak.TryGetTarget(out _))
            {
                _bodies.Remove(eventId);
            }
        }
        _addsUntilSweep = Math.Max(MinSweepInterval, _bodies.Count);
    }
}
