using System.Diagnostics;

namespace Qase.Webhooks.Bench;

/// <summary>Wall clock, allocation, CPU, thread-pool work, compilation, collections and their pauses of the process between <see cref="Start"/> and <see cref="Stop"/>.</summary>
public sealed class Measurement
{
    private readonly InFlightProbe _probe;
    private readonly Stopwatch _watch;
    private readonly long _allocated;
    private readonly TimeSpan _cpu;
    private readonly long _workItems;
    private readonly TimeSpan _jit;
    private readonly TimeSpan _gcPause;
    private readonly int _gen0;
    private readonly int _gen2;

    private Measurement(InFlightProbe probe)
    {
        _probe = probe;
        _allocated = GC.GetTotalAllocatedBytes(precise: true);
        using (var process = Process.GetCurrentProcess())
        {
            _cpu = process.TotalProcessorTime;
        }
        _workItems = ThreadPool.CompletedWorkItemCount;
        _jit = System.Runtime.JitInfo.GetCompilationTime();
        _gcPause = GC.GetTotalPauseDuration();
        _gen0 = GC.CollectionCount(0);
        _gen2 = GC.CollectionCount(2);
        probe.Reset();
        _watch = Stopwatch.StartNew();
    }

    public TimeSpan Elapsed => _watch.Elapsed;

    public static Measurement Start(InFlightProbe probe) => new(probe);

    public RunResult Stop(string mode, int round, int deliveries, TimeSpan? publishTime = null)
    {
        var seconds = _watch.Elapsed.TotalSeconds;
        var (meanInFlight, maxInFlight) = _probe.Read();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocated;
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime - _cpu;
        return new RunResult(mode, round, deliveries, Math.Round(seconds, 3), Math.Round(deliveries / seconds),
            publishTime is { } publish ? Math.Round(publish.TotalSeconds, 3) : null,
            Math.Round(meanInFlight, 1),
            maxInFlight,
            allocated / deliveries,
            Math.Round(cpu.TotalMicroseconds / deliveries, 1),
            Math.Round((double)(ThreadPool.CompletedWorkItemCount - _workItems) / deliveries, 1),
            Math.Round((System.Runtime.JitInfo.GetCompilationTime() - _jit).TotalMilliseconds),
            Math.Round((GC.GetTotalPauseDuration() - _gcPause).TotalMilliseconds),
            GC.CollectionCount(0) - _gen0,
            GC.CollectionCount(2) - _gen2,
            process.PeakWorkingSet64 / (1024 * 1024));
    }
}
