using System.Net;
using System.Net.Http.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Cluster;

/// <summary>
/// The cluster as operators run it: two <c>silo</c> processes and an <c>api</c> process in client mode on one
/// PostgreSQL database, started from the built binaries; then processes killed with SIGKILL.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MultiProcessClusterTests(PostgresServer postgres) : ClusterWithReceiverTest(postgres, AdminToken)
{
    private const string AdminToken = "cluster-admin-token";
    private static readonly TimeSpan Start = ProcessCluster.Start;

    [Fact]
    public async Task No_accepted_event_is_lost_when_a_silo_or_the_api_is_killed()
    {
        await Processes.Migrate();
        var siloA = Processes.StartSilo("silo-a");
        var siloB = Processes.StartSilo("silo-b");
        await Task.WhenAll(siloA.WaitUntilReady(Start), siloB.WaitUntilReady(Start));
        var api = Processes.StartApi("api-1");
        await api.WaitUntilReady(Start);

        // Three projects with two webhooks each: their grains spread over both silos, so the one killed holds some.
        var projects = new[] { "KILL0", "KILL1", "KILL2" };
        using var client = await WorkspaceClient(api, "Crash");
        var paths = await TwoWebhooksEach(client, projects);

        // Batches go on while silo A dies; a batch that was not answered 202 is sent again under the same ids.
        var accepted = projects.ToDictionary(code => code, _ => new List<int>());
        for (var batch = 0; batch < 12; batch++)
        {
            if (batch == 4)
            {
                siloA.Kill();
            }
            var code = projects[batch % projects.Length];
            accepted[code].AddRange(await PublishUntilAccepted(client, code, batch * 50, 50));
        }

        // The api dies right after its 202: what it accepted is delivered anyway.
        accepted["KILL0"].AddRange(await PublishUntilAccepted(client, "KILL0", 1000, 100));
        api.Kill();

        foreach (var (code, ids) in accepted)
        {
            foreach (var path in paths[code])
            {
                await Eventually.True(() => MissingIds(path, ids).Count == 0, TimeSpan.FromSeconds(120),
                    () => $"{code} {path} still misses {MissingIds(path, ids).Count} events\n{siloB.Output[^Math.Min(4000, siloB.Output.Length)..]}");
            }
        }
        // Repeats are allowed (at least once), always under one delivery id per event and webhook.
        foreach (var path in paths.Values.SelectMany(p => p))
        {
            var byEvent = Receiver.At(path).GroupBy(EventPublisher.EventId);
            Assert.All(byEvent, g => Assert.Single(g.Select(r => r.Header("webhook-id")).Distinct()));
        }
    }

    [Fact]
    public async Task Without_faults_no_event_is_delivered_twice_by_two_silos()
    {
        await Processes.Migrate();
        var silos = new[] { Processes.StartSilo("silo-a"), Processes.StartSilo("silo-b") };
        await Task.WhenAll(silos.Select(s => s.WaitUntilReady(Start)));
        var api = Processes.StartApi("api-1");
        await api.WaitUntilReady(Start);

        // Routers and webhooks over both silos: handoffs cross processes, and claims race them wherever they can.
        var projects = new[] { "ONCE0", "ONCE1", "ONCE2" };
        using var client = await WorkspaceClient(api, "Once");
        var paths = await TwoWebhooksEach(client, projects);

        // Single events, eight at a time per project, with a batch of 100 (more than a window) among them.
        var singles = projects.Select(code => Task.Run(async () =>
        {
            var next = 0;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                for (var id = Interlocked.Increment(ref next) - 1; id < 200; id = Interlocked.Increment(ref next) - 1)
                {
                    var response = await client.PostAsJsonAsync($"/v1/projects/{code}/events", new { event_name = "result.created", payload = new { id } });
                    Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                }
            }));
        }));
        var batches = projects.Select(code => PublishUntilAccepted(client, code, 1000, 100));
        await Task.WhenAll(singles.Concat(batches));

        var expected = Enumerable.Range(0, 200).Concat(Enumerable.Range(1000, 100)).ToList();
        foreach (var path in paths.Values.SelectMany(p => p))
        {
            await Eventually.True(() => MissingIds(path, expected).Count == 0, TimeSpan.FromSeconds(60),
                () => $"{path} still misses {MissingIds(path, expected).Count} events\n{Processes.Tail()}");
        }
        var duplicates = paths.Values.SelectMany(p => p)
            .Sum(path => Receiver.At(path).GroupBy(EventPublisher.EventId).Sum(g => g.Count() - 1));
        Assert.Equal(0, duplicates);
    }

    // A client with the token of a new workspace on a plan with webhooks.
    private static async Task<HttpClient> WorkspaceClient(ServiceProcess api, string name)
    {
        using var admin = ProcessCluster.Client(api, AdminToken);
        var created = await HttpAssert.Json(await admin.PostAsJsonAsync("/v1/workspaces",
            new { name, plan = "enterprise", owner_email = "ops@example.com" }), HttpStatusCode.Created);
        return ProcessCluster.Client(api, created.GetProperty("token").GetString()!);
    }

    // The projects, each with two webhooks on the receiver for result.created: each project's receiver paths.
    private async Task<Dictionary<string, string[]>> TwoWebhooksEach(HttpClient client, string[] projects)
    {
        var paths = new Dictionary<string, string[]>();
        foreach (var code in projects)
        {
            (await client.PostAsJsonAsync("/v1/projects", new { code, title = code })).EnsureSuccessStatusCode();
            paths[code] = [DeliveryServer.NewPath(), DeliveryServer.NewPath()];
            foreach (var path in paths[code])
            {
                await DeliveryServer.CreateWebhook(client, Receiver.Url(path), ["result.created"], code: code);
            }
        }
        return paths;
    }

    private static async Task<IEnumerable<int>> PublishUntilAccepted(HttpClient client, string code, int firstId, int count)
    {
        var events = Enumerable.Range(firstId, count).Select(id => new
        {
            event_name = "result.created",
            payload = new { id },
            id = $"result-{id}",
        }).ToArray();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                var response = await client.PostAsJsonAsync($"/v1/projects/{code}/events/batch", new { events });
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    return events.Select(e => e.payload.id);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, $"the batch from {firstId} was never accepted");
            await Task.Delay(500);
        }
    }

    private List<int> MissingIds(string path, IEnumerable<int> accepted)
    {
        var received = Receiver.At(path).Select(EventPublisher.EventId).ToHashSet();
        return [.. accepted.Where(id => !received.Contains(id))];
    }
}
