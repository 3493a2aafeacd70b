using System.Diagnostics;

namespace Qase.Webhooks.Bench.Scenarios;

/// <summary>
/// One project with an ordered webhook and an unordered one on the same events; E events (default 2 000) published
/// at once: each webhook's deliveries per second from the first publish to its last receipt. An ordered webhook sends
/// one delivery at a time and the next only once the outcome of the one before is stored, so its rate is one round
/// trip to the receiver plus one outcome write per delivery.
/// </summary>
public static class Ordered
{
    public static async Task Run(BenchOptions options)
    {
        var events = options.Int("events", 2000);
        await using var harness = await Harness.Start(options);
        var report = harness.Report;
        var service = harness.Service;
        var workspace = await service.Workspace();
        const string code = "ORDER";
        await service.Project(workspace, code);
        await service.Webhook(workspace, code, harness.Receiver.Url("ok", "ordered"), ordered: true);
        await service.Webhook(workspace, code, harness.Receiver.Url("ok", "unordered"));
        report.Line($"{events} events to an ordered webhook and an unordered one of the same project, {options.Mode}");

        var watch = Stopwatch.StartNew();
        await harness.PublishAll(workspace, code, [.. Enumerable.Range(0, (events + 99) / 100).Select(i => Payloads.Batch(i * 100, Math.Min(100, events - i * 100)))], 2);
        var unordered = Task.Run(async () => (Stats: await harness.Receiver.WaitFor("unordered", events, TimeSpan.FromMinutes(10)), Seconds: watch.Elapsed.TotalSeconds));
        var ordered = Task.Run(async () => (Stats: await harness.Receiver.WaitFor("ordered", events, TimeSpan.FromMinutes(10)), Seconds: watch.Elapsed.TotalSeconds));
        var (o, u) = (await ordered, await unordered);
        report.Line($"ordered webhook: {o.Stats.Count} deliveries in {o.Seconds:0.00} s = {o.Stats.Count / o.Seconds:0}/s; publish → receipt p50 {o.Stats.P50Ms:0} ms, max {o.Stats.MaxMs:0} ms");
        report.Line($"unordered webhook: {u.Stats.Count} deliveries in {u.Seconds:0.00} s = {u.Stats.Count / u.Seconds:0}/s");
        report.Line($"duplicates: {o.Stats.Duplicates + u.Stats.Duplicates}");
    }
}
