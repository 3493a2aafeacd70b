using System.Diagnostics;

namespace Qase.Webhooks.Bench.Scenarios;

/// <summary>
/// One webhook whose endpoint stops answering (it never sends a status line) while M MiB of payloads
/// (default 1 024, 200 KiB each) are published for it: the silo's resident memory before, at its peak and
/// after. Timeouts do not disable the webhook here (<c>Health:DisableOnTimeout=false</c>), so the backlog stays.
/// </summary>
public static class Backlog
{
    public static async Task Run(BenchOptions options)
    {
        var megabytes = options.Int("mb", 1024);
        const int payloadBytes = 200 * 1024;
        const int perBatch = 16;
        await using var harness = await Harness.Start(options, "--Health:DisableOnTimeout=false");
        var report = harness.Report;
        var (workspace, code) = await harness.Project("BACK", 1, _ => harness.Receiver.Url("hang", "backlog"));
        var events = megabytes * 1024 / (payloadBytes / 1024);
        report.Line($"{events} events of {payloadBytes / 1024} KiB ({megabytes} MiB) for one webhook that never answers, {options.Mode}");

        await harness.Service.PublishBatch(workspace, code, Payloads.Batch(0, 1)); // the webhook's first attempts now hang
        var before = harness.Service.Process.ResidentMiB();
        var peak = before;
        var watch = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, harness.Service.Process.ResidentMiB());
                await Task.Delay(250);
            }
        });
        var batches = (events + perBatch - 1) / perBatch;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches)
            {
                await harness.Service.PublishBatch(workspace, code, Payloads.Batch(i * perBatch, Math.Min(perBatch, events - i * perBatch), payloadBytes));
            }
        }));
        var published = watch.Elapsed.TotalSeconds;
        var settle = Stopwatch.StartNew();
        while (settle.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(500);
        }
        await sampling.CancelAsync();
        await sampler;
        var after = harness.Service.Process.ResidentMiB();
        report.Line($"published in {published:0.0} s; resident before {before:0} MiB, peak {peak:0} MiB, 20 s after {after:0} MiB");
        report.Line($"backlog resident growth ({options.Mode}): {after - before:0} MiB after, {peak - before:0} MiB at the peak");
        report.Line($"duplicates: {(await harness.Receiver.Stats("backlog")).Duplicates}");
    }
}
