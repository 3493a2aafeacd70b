using System.Diagnostics;

namespace Qase.Webhooks.Bench.Scenarios;

/// <summary>
/// One project with W webhooks (default 1 000) subscribed to the same event: E events (default 100) published
/// in one batch become E × W deliveries; against the baseline posting as many requests at C in flight.
/// </summary>
public static class Fanout
{
    public static async Task Run(BenchOptions options)
    {
        var webhooks = options.Int("webhooks", 1000);
        var events = options.Int("events", 100);
        var rounds = options.Int("rounds", 2);
        var concurrency = options.Int("concurrency", 64);
        await using var harness = await Harness.Start(options);
        var report = harness.Report;
        var created = Stopwatch.StartNew();
        var (workspace, code) = await harness.Project("FAN", webhooks, i => harness.Receiver.Url("ok", "fanout", $"w{i}"));
        report.Line($"{webhooks} webhooks created in {created.Elapsed.TotalSeconds:0.0} s; {events} events × {webhooks} webhooks a round; baseline at concurrency {concurrency}");

        var total = events * webhooks;
        var service = new List<double>();
        var baseline = new List<double>();
        long duplicates = 0;
        for (var round = 0; round <= rounds; round++)
        {
            var b = await harness.Baseline.Run("baseline", total, concurrency);
            await harness.Receiver.Reset("fanout");
            var cpu = harness.Service.Process.Cpu();
            var watch = Stopwatch.StartNew();
            await harness.Service.PublishBatch(workspace, code, Payloads.Batch(0, events));
            var accepted = watch.Elapsed.TotalSeconds;
            var stats = await harness.Receiver.WaitFor("fanout", total, TimeSpan.FromMinutes(10));
            var perSecond = total / watch.Elapsed.TotalSeconds;
            var cpuMicros = (harness.Service.Process.Cpu() - cpu).TotalMicroseconds / total;
            duplicates += stats.Duplicates + b.Stats.Duplicates;
            report.Line($"{(round == 0 ? "warm-up" : $"round {round}")}: service {perSecond:0}/s (accepted in {accepted:0.00} s, {cpuMicros:0} µs CPU/delivery, {harness.Service.Process.ResidentMiB():0} MiB resident), baseline {b.PerSecond:0}/s, ratio {perSecond / b.PerSecond:0.00}");
            if (round > 0)
            {
                service.Add(perSecond);
                baseline.Add(b.PerSecond);
            }
        }
        report.Ratio($"fanout {options.Mode} (median)", Report.Median(service), Report.Median(baseline), "deliveries/s");
        report.Line($"duplicates: {duplicates}");
    }
}
