using System.Diagnostics;

namespace Qase.Webhooks.Bench.Scenarios;

/// <summary>
/// W webhooks of one project (default 100), a tenth of them answering after 1 s: the healthy ones'
/// deliveries per second against the same run on a project where every endpoint answers at once.
/// </summary>
public static class Slow
{
    public static async Task Run(BenchOptions options)
    {
        var webhooks = options.Int("webhooks", 100);
        var events = options.Int("events", 200);
        await using var harness = await Harness.Start(options);
        var report = harness.Report;
        var healthy = webhooks - webhooks / 10;
        var (mixedWs, mixed) = await harness.Project("MIXED", webhooks,
            i => i % 10 == 0 ? harness.Receiver.Url("slow", "slowones", $"w{i}") : harness.Receiver.Url("ok", "healthy", $"w{i}"));
        var (fastWs, fast) = await harness.Project("FAST", webhooks,
            i => i % 10 == 0 ? harness.Receiver.Url("ok", "tenth", $"w{i}") : harness.Receiver.Url("ok", "reference", $"w{i}"));
        report.Line($"{events} events × {webhooks} webhooks, {webhooks / 10} of them answering after 1 s; reference: the same with all answering at once");

        var total = (long)events * healthy;
        await Time(harness, fastWs, fast, "reference", (long)Math.Min(events, 20) * healthy, Math.Min(events, 20)); // warm-up
        var reference = await Time(harness, fastWs, fast, "reference", total, events);
        var withSlow = await Time(harness, mixedWs, mixed, "healthy", total, events);
        report.Ratio("healthy endpoints' throughput with slow ones", withSlow.PerSecond, reference.PerSecond, "deliveries/s");
        report.Line($"duplicates: {withSlow.Stats.Duplicates + reference.Stats.Duplicates}");
    }

    private static async Task<(double PerSecond, StatsView Stats)> Time(Harness harness, string workspace, string code, string tag, long total, int events)
    {
        await harness.Receiver.Reset(tag);
        var watch = Stopwatch.StartNew();
        await harness.PublishAll(workspace, code, [.. Enumerable.Range(0, (events + 99) / 100).Select(i => Payloads.Batch(i * 100, Math.Min(100, events - i * 100)))], 2);
        var stats = await harness.Receiver.WaitFor(tag, total, TimeSpan.FromMinutes(10));
        return (stats.Count / watch.Elapsed.TotalSeconds, stats);
    }
}
