using System.Diagnostics;

namespace Qase.Webhooks.Bench.Scenarios;

/// <summary>
/// Deliveries per second to one webhook: N events published in batches of B (F requests in flight), timed from
/// the first publish until the receiver has them all, against the baseline at the webhook's concurrency.
/// </summary>
public static class Throughput
{
    public static async Task Run(BenchOptions options)
    {
        var events = options.Int("events", 20_000);
        var batch = options.Int("batch", 100);
        var rounds = options.Int("rounds", 3);
        var concurrency = options.Int("concurrency", 16);
        await using var harness = await Harness.Start(options);
        var (workspace, code) = await harness.Project("BENCH", 1, _ => harness.Receiver.Url("ok", "service"));
        var report = harness.Report;
        report.Line($"{events} events in batches of {batch}, 4 in flight, 1 webhook; baseline at concurrency {concurrency}; {rounds} rounds after a warm-up");

        var service = new List<double>();
        var baseline = new List<double>();
        var serviceCpu = new List<double>();
        var allocated = new List<double>();
        var baselineCpu = new List<double>();
        long duplicates = 0;
        for (var round = 0; round <= rounds; round++)
        {
            var b = await harness.Baseline.Run("baseline", events, concurrency);
            var s = await Service(harness, workspace, code, events, batch);
            duplicates += s.Stats.Duplicates + b.Stats.Duplicates;
            if (round == 0)
            {
                report.Line($"warm-up: baseline {b.PerSecond:0}/s, service {s.PerSecond:0}/s");
                continue;
            }
            report.Line($"round {round}: service {s.PerSecond:0}/s (accepted in {s.PublishSeconds:0.00} s, {s.CpuMicros:0} µs CPU/delivery, {s.AllocatedKiB:0.0} KiB allocated/delivery, collector pauses {s.PauseMs:0} ms), baseline {b.PerSecond:0}/s ({b.CpuMicros:0} µs CPU/request), ratio {s.PerSecond / b.PerSecond:0.00}");
            service.Add(s.PerSecond);
            baseline.Add(b.PerSecond);
            serviceCpu.Add(s.CpuMicros);
            allocated.Add(s.AllocatedKiB);
            baselineCpu.Add(b.CpuMicros);
        }
        report.Ratio($"throughput {options.Mode} (median)", Report.Median(service), Report.Median(baseline), "deliveries/s");
        report.Ratio($"CPU per delivery {options.Mode} (median)", Report.Median(serviceCpu), Report.Median(baselineCpu), "µs");
        report.Line($"allocated per delivery {options.Mode} (median): {Report.Median(allocated):0.0} KiB");
        report.Line($"duplicates: {duplicates}");
    }

    private static async Task<(double PerSecond, double PublishSeconds, double CpuMicros, double AllocatedKiB, double PauseMs, StatsView Stats)> Service(
        Harness harness, string workspace, string code, int events, int batch)
    {
        await harness.Receiver.Reset("service");
        var bodies = Enumerable.Range(0, (events + batch - 1) / batch).Select(i => Payloads.Batch(i * batch, Math.Min(batch, events - i * batch))).ToList();
        var counters = await harness.Service.RuntimeCounters();
        var cpu = harness.Service.Process.Cpu();
        var watch = Stopwatch.StartNew();
        await harness.PublishAll(workspace, code, bodies, 4);
        var published = watch.Elapsed.TotalSeconds;
        var stats = await harness.Receiver.WaitFor("service", events, TimeSpan.FromMinutes(5));
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuMicros = (harness.Service.Process.Cpu() - cpu).TotalMicroseconds / events;
        var after = await harness.Service.RuntimeCounters();
        return (events / seconds, published, cpuMicros, (after.AllocatedBytes - counters.AllocatedBytes) / 1024 / events,
            (after.PauseSeconds - counters.PauseSeconds) * 1000, stats);
    }
}
