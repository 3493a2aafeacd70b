using System.Collections.Concurrent;

namespace Qase.Webhooks.Bench;

/// <summary>What the receiver counted for one tag: requests, repeated delivery ids, and publish → receipt times.</summary>
public sealed class ReceiverStats
{
    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);
    private readonly List<long> _latencies = [];
    private long _count;
    private long _duplicates;

    public long Count => Interlocked.Read(ref _count);

    public void Add(string? id, long latencyMicros)
    {
        if (id is not null && !_ids.TryAdd(id, 0))
        {
            Interlocked.Increment(ref _duplicates);
        }
        if (latencyMicros >= 0)
        {
            lock (_latencies)
            {
                _latencies.Add(latencyMicros);
            }
        }
        Interlocked.Increment(ref _count);
    }

    public StatsView View()
    {
        long[] sorted;
        lock (_latencies)
        {
            sorted = [.. _latencies];
        }
        Array.Sort(sorted);
        return new StatsView(Count, Interlocked.Read(ref _duplicates), Percentile(sorted, 0.50), Percentile(sorted, 0.99),
            sorted.Length == 0 ? 0 : sorted[^1] / 1000.0);
    }

    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)] / 1000.0;
}
