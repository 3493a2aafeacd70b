using System.Diagnostics;

namespace Qase.Webhooks.Bench.Scenarios;

/// <summary>
/// W webhooks (default 100 000) over W / 10 projects in W / 1 000 workspaces, created through the REST API
/// with C requests in flight: the creation rate, the resident memory once they are idle, and one delivery
/// to a sample of them afterwards (publish → receipt of an idle webhook, p50/p99). With <c>--postgres</c>, the service is
/// then restarted on the same database and the same sample measured again: the first delivery to webhooks whose
/// grains a new process has never activated, read back from storage.
/// </summary>
public static class Many
{
    public static async Task Run(BenchOptions options)
    {
        var webhooks = options.Int("webhooks", 100_000);
        var concurrency = options.Int("concurrency", 32);
        var idleSeconds = options.Int("idle", 30);
        await using var harness = await Harness.Start(options);
        var report = harness.Report;
        var service = harness.Service;
        var projects = new List<(string Workspace, string Code)>();
        for (var w = 0; w < Math.Max(1, webhooks / 1000); w++)
        {
            var workspace = await service.Workspace();
            for (var p = 0; p < 100 && projects.Count * 10 < webhooks; p++)
            {
                projects.Add((workspace, $"P{p}"));
            }
        }
        await Parallel.ForEachAsync(projects, new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (project, _) => await service.Project(project.Workspace, project.Code));
        var before = service.Process.ResidentMiB();
        report.Line($"{projects.Count} projects ready; {before:0} MiB resident");

        var cpu = service.Process.Cpu();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, webhooks), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, _) =>
            {
                var (workspace, code) = projects[i / 10];
                await service.Webhook(workspace, code, harness.Receiver.Url("ok", "many", $"w{i}"));
            });
        var rate = webhooks / watch.Elapsed.TotalSeconds;
        var cpuPerWebhook = (service.Process.Cpu() - cpu).TotalMicroseconds / webhooks;
        report.Line($"created {webhooks} webhooks in {watch.Elapsed.TotalSeconds:0.0} s: {rate:0}/s ({concurrency} requests in flight, {cpuPerWebhook:0} µs service CPU each); {service.Process.ResidentMiB():0} MiB resident");
        if (harness.Database is { } database)
        {
            // Each write of a grain state adds one to its row's version: the commits a create cost, per kind of state.
            var writes = await database.Query("SELECT GrainTypeString, count(*), sum(Version) FROM OrleansStorage GROUP BY 1 ORDER BY 1");
            var perWebhook = string.Join(", ", writes.Select(row => row.Split('|'))
                .Select(c => $"{c[0]} {double.Parse(c[2], System.Globalization.CultureInfo.InvariantCulture) / webhooks:0.00} ({c[1]} rows)"));
            report.Line($"grain-state writes per webhook created: {perWebhook}");
        }

        var idle = Stopwatch.StartNew();
        while (idle.Elapsed < TimeSpan.FromSeconds(idleSeconds))
        {
            await Task.Delay(1000);
        }
        var resident = service.Process.ResidentMiB();
        report.Line($"idle resident memory after {idleSeconds} s: {resident:0} MiB ({resident - before:0} MiB over the projects alone)");

        // One event to each of a sample of projects: the first delivery to webhooks that sat idle.
        var sample = projects.Where((_, i) => i % Math.Max(1, projects.Count / 200) == 0).ToList();
        var stats = await FirstDeliveries(harness, sample);
        report.Line($"first delivery to idle webhooks ({sample.Count * 10}): publish → receipt p50 {stats.P50Ms:0.0} ms, p99 {stats.P99Ms:0.0} ms, max {stats.MaxMs:0.0} ms");
        var duplicates = stats.Duplicates;
        if (options.Postgres)
        {
            var ready = await harness.RestartService();
            var cold = await FirstDeliveries(harness, sample);
            report.Line($"after a restart (ready in {ready.TotalSeconds:0.0} s), first delivery to cold webhooks ({sample.Count * 10}): publish → receipt p50 {cold.P50Ms:0.0} ms, p99 {cold.P99Ms:0.0} ms, max {cold.MaxMs:0.0} ms; {harness.Service.Process.ResidentMiB():0} MiB resident");
            duplicates += cold.Duplicates;
        }
        report.Line($"duplicates: {duplicates}");
    }

    // One event to each project of the sample, one after another, and each of its 10 webhooks' receipts timed.
    private static async Task<StatsView> FirstDeliveries(Harness harness, IReadOnlyList<(string Workspace, string Code)> sample)
    {
        await harness.Receiver.Reset("many");
        foreach (var (workspace, code) in sample)
        {
            await harness.Service.PublishOne(workspace, code, Payloads.Event(0));
        }
        return await harness.Receiver.WaitFor("many", sample.Count * 10L, TimeSpan.FromMinutes(2));
    }
}
