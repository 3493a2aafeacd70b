using System.Diagnostics;

namespace Qase.Webhooks.Bench.Scenarios;

/// <summary>
/// One project with a webhook limited to L attempts per second (default 50) and U unlimited ones (default 3), all
/// subscribed to the same events; E events (default 1 000) are published at once, so the limited webhook works
/// through a backlog. The receiver's count for the limited webhook is sampled every second: its rate per second
/// over the steady part (after the first second's burst, before the backlog runs out), and the unlimited
/// webhooks' deliveries per second over the same events.
/// </summary>
public static class RateLimit
{
    public static async Task Run(BenchOptions options)
    {
        var limit = options.Int("limit", 50);
        var unlimited = options.Int("unlimited", 3);
        var events = options.Int("events", 1000);
        await using var harness = await Harness.Start(options);
        var report = harness.Report;
        var service = harness.Service;
        var workspace = await service.Workspace();
        const string code = "RATE";
        await service.Project(workspace, code);
        await service.Webhook(workspace, code, harness.Receiver.Url("ok", "limited"), rateLimit: limit);
        for (var i = 0; i < unlimited; i++)
        {
            await service.Webhook(workspace, code, harness.Receiver.Url("ok", "unlimited", $"w{i}"));
        }
        report.Line($"{events} events to one webhook limited to {limit}/s and {unlimited} unlimited ones of the same project, {options.Mode}");

        var watch = Stopwatch.StartNew();
        var sampling = Task.Run(() => Sample(harness.Receiver, events, limit));
        await harness.PublishAll(workspace, code, [.. Enumerable.Range(0, (events + 99) / 100).Select(i => Payloads.Batch(i * 100, Math.Min(100, events - i * 100)))], 2);
        var published = watch.Elapsed.TotalSeconds;
        var others = await harness.Receiver.WaitFor("unlimited", (long)events * unlimited, TimeSpan.FromMinutes(5));
        var othersSeconds = watch.Elapsed.TotalSeconds;
        var perSecond = await sampling;
        var limited = await harness.Receiver.Stats("limited");

        // The first second holds the burst (a second's worth may wait in the bucket); the last one is partial.
        var steady = perSecond.Skip(1).SkipLast(1).ToList();
        report.Line($"published in {published:0.00} s; limited webhook: {limited.Count} deliveries in {perSecond.Count} s, first second {perSecond.FirstOrDefault()}");
        report.Line($"limited webhook, per second over the steady {steady.Count} s: mean {steady.DefaultIfEmpty().Average():0.0}/s, min {steady.DefaultIfEmpty().Min()}, max {steady.DefaultIfEmpty().Max()} (limit {limit}/s)");
        report.Line($"limited webhook, per second: {string.Join(' ', perSecond)}");
        report.Line($"unlimited webhooks: {others.Count} deliveries in {othersSeconds:0.00} s = {others.Count / othersSeconds:0}/s together, {others.Count / othersSeconds / unlimited:0}/s each");
        report.Line($"duplicates: {limited.Duplicates + others.Duplicates}");
    }

    // The limited webhook's deliveries in each second from its first one until it has them all.
    private static async Task<List<long>> Sample(Receiver receiver, int events, int limit)
    {
        await receiver.WaitFor("limited", 1, TimeSpan.FromMinutes(1));
        var clock = Stopwatch.StartNew();
        var counts = new List<long>();
        var last = 0L;
        var deadline = TimeSpan.FromSeconds(events / (double)limit * 3 + 30);
        while (last < events && clock.Elapsed < deadline)
        {
            var next = TimeSpan.FromSeconds(counts.Count + 1);
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var count = (await receiver.Stats("limited")).Count;
            counts.Add(count - last);
            last = count;
        }
        return counts;
    }
}
