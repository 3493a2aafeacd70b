namespace Qase.Webhooks.Bench;

/// <summary>What one benchmark run found; written to <c>bench/results/latest.json</c>.</summary>
public sealed record BenchReport(
    DateTimeOffset At,
    string Machine,
    BenchOptions Options,
    IReadOnlyList<RunResult> Runs,
    IReadOnlyList<double> Ratios,
    double MedianRatio)
{
    /// <summary>The ratio service/baseline of each round (runs of the same round compared), then their median.</summary>
    public static BenchReport From(BenchOptions options, IReadOnlyList<RunResult> runs)
    {
        var ratios = runs.GroupBy(r => r.Round)
            .Select(round => Math.Round(
                round.Single(r => r.Mode == "service").DeliveriesPerSecond / round.Single(r => r.Mode == "baseline").DeliveriesPerSecond, 3))
            .ToList();
        var sorted = ratios.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        var machine = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
            $".NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}";
        return new BenchReport(DateTimeOffset.UtcNow, machine, options, runs, ratios, Math.Round(median, 3));
    }
}
