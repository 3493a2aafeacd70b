using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Cluster;

/// <summary>
/// Two silos and an api in client mode publish for two minutes while a silo is SIGKILLed and restarted every
/// 20 s and PostgreSQL is restarted once: every event answered 202 reaches its receiver at least once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ChaosSoakTests(PostgresServer postgres, ITestOutputHelper output) : ClusterWithReceiverTest(postgres, AdminToken)
{
    private const string AdminToken = "chaos-admin-token";
    private static readonly TimeSpan Soak = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan KillEvery = TimeSpan.FromSeconds(20);
    private static readonly string[] Projects = ["CHAOS0", "CHAOS1", "CHAOS2"];

    [Fact]
    public async Task No_accepted_event_is_lost_while_silos_are_killed_every_20_seconds_and_the_database_restarts()
    {
        await Processes.Migrate();
        ServiceProcess[] silos = [Processes.StartSilo("silo-a"), Processes.StartSilo("silo-b")];
        await Task.WhenAll(silos.Select(s => s.WaitUntilReady(ProcessCluster.Start)));
        var api = Processes.StartApi("api");
        await api.WaitUntilReady(ProcessCluster.Start);

        using var admin = ProcessCluster.Client(api, AdminToken);
        var created = await HttpAssert.Json(await admin.PostAsJsonAsync("/v1/workspaces",
            new { name = "Chaos", plan = "enterprise", owner_email = "ops@example.com" }), HttpStatusCode.Created);
        using var client = ProcessCluster.Client(api, created.GetProperty("token").GetString()!);
        var paths = new Dictionary<string, string>();
        foreach (var code in Projects)
        {
            (await client.PostAsJsonAsync("/v1/projects", new { code, title = code })).EnsureSuccessStatusCode();
            paths[code] = DeliveryServer.NewPath();
            await DeliveryServer.CreateWebhook(client, Receiver.Url(paths[code]), ["result.created"], code: code);
        }

        using var publishing = new CancellationTokenSource();
        var publishers = Projects.ToDictionary(code => code, code => new EventPublisher(client, code, "result.created", batchSize: 10));
        var runs = publishers.Values.Select(p => p.Run(publishing.Token)).ToList();
        var soak = Stopwatch.StartNew();
        var siloReady = new List<double>();
        var databaseReady = TimeSpan.Zero;
        for (var round = 1; soak.Elapsed + KillEvery < Soak + TimeSpan.FromSeconds(1); round++)
        {
            while (soak.Elapsed < KillEvery * round)
            {
                await Task.Delay(100);
            }
            var victim = round % silos.Length;
            silos[victim].Kill();
            var restarted = Stopwatch.StartNew();
            silos[victim] = Processes.Restart(silos[victim]);
            await silos[victim].WaitUntilReady(ProcessCluster.Start, () => Processes.Tail());
            siloReady.Add(restarted.Elapsed.TotalSeconds);
            if (round == 2)
            {
                await Postgres.Stop();
                var down = Stopwatch.StartNew();
                await Eventually.True(() => down.Elapsed > TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
                await Postgres.StartAgain();
                var back = Stopwatch.StartNew();
                await Task.WhenAll(silos.Append(api).Select(p => p.WaitUntilReady(TimeSpan.FromSeconds(30), () => Processes.Tail())));
                databaseReady = back.Elapsed;
            }
        }
        while (soak.Elapsed < Soak)
        {
            await Task.Delay(100);
        }
        await publishing.CancelAsync();
        await Task.WhenAll(runs);

        var accepted = publishers.Sum(p => p.Value.Accepted.Count);
        await Eventually.True(() => publishers.All(p => Missing(paths[p.Key], p.Value.Accepted).Count == 0), TimeSpan.FromSeconds(90),
            () => $"{publishers.Sum(p => Missing(paths[p.Key], p.Value.Accepted).Count)} of {accepted} accepted events not delivered\n{Processes.Tail()}");
        var lost = publishers.Sum(p => Missing(paths[p.Key], p.Value.Accepted).Count);
        var duplicates = publishers.Sum(p => Duplicates(paths[p.Key], p.Value.Accepted));
        output.WriteLine($"chaos soak {Soak.TotalSeconds:F0} s, {siloReady.Count} silo kills, 1 PostgreSQL restart: " +
                         $"{accepted} events accepted, {lost} lost, {duplicates} delivered more than once");
        output.WriteLine($"answers 503: {publishers.Sum(p => p.Value.Unavailable)}, timed out: {publishers.Sum(p => p.Value.TimedOut)}, " +
                         $"other answers: {publishers.Sum(p => p.Value.Faults.Count)}");
        output.WriteLine($"restarted silo ready in {string.Join(", ", siloReady.Select(s => $"{s:F1}"))} s; " +
                         $"every process ready {databaseReady.TotalSeconds:F1} s after PostgreSQL came back");
        var faults = publishers.SelectMany(p => p.Value.Faults).ToList();
        Assert.True(faults.Count == 0, string.Join("\n", faults.Take(20)) + "\n--- api ---\n" + Errors(api.Output));
        Assert.Equal(0, lost);
    }

    // The api's logged errors with their exceptions, for a failure message.
    private static string Errors(string log) => string.Join("\n", log.Split('\n')
        .SkipWhile(line => !line.StartsWith("fail:")).Take(60));

    private List<int> Missing(string path, IReadOnlyCollection<int> accepted)
    {
        var received = Receiver.At(path).Select(EventPublisher.EventId).ToHashSet();
        return [.. accepted.Where(id => !received.Contains(id))];
    }

    private int Duplicates(string path, IReadOnlyCollection<int> accepted)
    {
        var ids = accepted.ToHashSet();
        return Receiver.At(path).Select(EventPublisher.EventId).Where(ids.Contains).GroupBy(id => id).Sum(g => g.Count() - 1);
    }
}
