using System.Collections.Concurrent;
using System.Diagnostics;

namespace Qase.Webhooks.Bench.Scenarios;

/// <summary>
/// A steady R single events per second (default 1 000) for S seconds (default 30) to one webhook:
/// publish → receipt and publish → <c>202</c>, p50/p99/max; the baseline posts on the same schedule
/// straight to the receiver.
/// </summary>
public static class Latency
{
    public static async Task Run(BenchOptions options)
    {
        var rate = options.Int("rate", 1000);
        var seconds = options.Int("seconds", 30);
        await using var harness = await Harness.Start(options);
        var report = harness.Report;
        var (workspace, code) = await harness.Project("LAT", 1, _ => harness.Receiver.Url("ok", "latency"));
        report.Line($"{rate} single events/s for {seconds} s, after a 5 s warm-up at the same rate");

        var url = harness.Receiver.Url("ok", "baseline");
        await Steady(rate, 5, i => harness.Service.PublishOne(workspace, code, Payloads.Event(i)));
        await Steady(rate, 5, i => harness.Baseline.Post(url, Payloads.Envelope(i)));
        await harness.Receiver.WaitFor("latency", rate * 5L, TimeSpan.FromMinutes(2));

        await harness.Receiver.Reset("latency");
        await harness.Receiver.Reset("baseline");
        var accepted = await Steady(rate, seconds, i => harness.Service.PublishOne(workspace, code, Payloads.Event(i)));
        var service = await harness.Receiver.WaitFor("latency", (long)rate * seconds, TimeSpan.FromMinutes(5));
        await Steady(rate, seconds, i => harness.Baseline.Post(url, Payloads.Envelope(i)));
        var baseline = await harness.Receiver.WaitFor("baseline", (long)rate * seconds, TimeSpan.FromMinutes(5));

        report.Line($"publish → 202 ({options.Mode}): p50 {accepted.P50:0.0} ms, p99 {accepted.P99:0.0} ms, max {accepted.Max:0.0} ms");
        report.Line($"publish → receipt ({options.Mode}): p50 {service.P50Ms:0.0} ms, p99 {service.P99Ms:0.0} ms, max {service.MaxMs:0.0} ms");
        report.Line($"baseline post → receipt: p50 {baseline.P50Ms:0.0} ms, p99 {baseline.P99Ms:0.0} ms, max {baseline.MaxMs:0.0} ms");
        report.Ratio($"p99 publish → receipt {options.Mode}", service.P99Ms, baseline.P99Ms, "ms");
        report.Line($"duplicates: {service.Duplicates + baseline.Duplicates}");
    }

    /// <summary>Calls <paramref name="send"/> <paramref name="rate"/> times a second for <paramref name="seconds"/> s, never waiting for an answer to send the next.</summary>
    private static async Task<(double P50, double P99, double Max)> Steady(int rate, int seconds, Func<int, Task> send)
    {
        var times = new ConcurrentBag<double>();
        var pending = new List<Task>();
        var total = rate * seconds;
        var watch = Stopwatch.StartNew();
        var sent = 0;
        while (sent < total)
        {
            var due = Math.Min(total, (int)(watch.Elapsed.TotalSeconds * rate));
            for (; sent < due; sent++)
            {
                var i = sent;
                pending.Add(Task.Run(async () =>
                {
                    var start = Stopwatch.GetTimestamp();
                    await send(i);
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }));
            }
            await Task.Delay(1);
        }
        await Task.WhenAll(pending);
        var sorted = times.Order().ToArray();
        return (sorted[(int)(sorted.Length * 0.5)], sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))], sorted[^1]);
    }
}
