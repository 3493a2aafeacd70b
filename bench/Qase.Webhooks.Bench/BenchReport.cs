namespace Qase.Webhooks.Bench;

/// <summary>What one benchmark run found; written to <c>bench/results/latest.json</c>.</summary>
/// <param name="Ratios">service/baseline deliveries per second of each round: the figure the target is about.</param>
/// <param name="SenderRatios">sender/baseline of each round: what the HTTP sender alone keeps, without the grains.</param>
public sealed record BenchReport(
    DateTimeOffset At,
    string Machine,
    BenchOptions Options,
    IReadOnlyList<RunResult> Runs,
    IReadOnlyList<double> Ratios,
    double MedianRatio,
    IReadOnlyList<double> SenderRatios,
    double MedianSenderRatio)
{
    public static BenchReport From(BenchOptions options, IReadOnlyList<RunResult> runs)
    {
        // Runs of the same round are compared, so a slow moment of the machine weighs on both sides.
        var ratios = RatiosOf("service", runs);
        var senderRatios = RatiosOf("sender", runs);
        var machine = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
            $".NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}";
        return new BenchReport(DateTimeOffset.UtcNow, machine, options, runs, ratios, Median(ratios), senderRatios, Median(senderRatios));
    }

    private static List<double> RatiosOf(string mode, IReadOnlyList<RunResult> runs) =>
        [.. runs.GroupBy(r => r.Round).Select(round => Math.Round(
            round.Single(r => r.Mode == mode).DeliveriesPerSecond / round.Single(r => r.Mode == "baseline").DeliveriesPerSecond, 3))];

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return Math.Round(sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2, 3);
    }
}
