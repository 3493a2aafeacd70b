using System.Net;
using System.Net.Http.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Cluster;

/// <summary>
/// An ordered webhook in PostgreSQL mode whose silo is killed (SIGKILL) in the middle of its backlog: the order lives in
/// the store, so the silo that takes the webhook over goes on from where the first stopped.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OrderedDeliveryCrashTests(PostgresServer postgres, ITestOutputHelper output) : ClusterWithReceiverTest(postgres, AdminToken)
{
    private const string AdminToken = "ordered-admin-token";
    private const int Events = 300;
    private static readonly TimeSpan Start = ProcessCluster.Start;

    [Fact]
    public async Task An_ordered_webhook_keeps_its_order_when_the_silo_holding_it_is_killed()
    {
        await Processes.Migrate();
        // Silo A is alone when the webhook first works, so A holds it; B joins before A is killed and takes it over.
        var siloA = Processes.StartSilo("silo-a");
        await siloA.WaitUntilReady(Start);
        var api = Processes.StartApi("api-1");
        await api.WaitUntilReady(Start);

        using var admin = ProcessCluster.Client(api, AdminToken);
        var created = await HttpAssert.Json(await admin.PostAsJsonAsync("/v1/workspaces",
            new { name = "Ordered", plan = "enterprise", owner_email = "ops@example.com" }), HttpStatusCode.Created);
        using var client = ProcessCluster.Client(api, created.GetProperty("token").GetString()!);
        (await client.PostAsJsonAsync("/v1/projects", new { code = "SEQ", title = "Sequence" })).EnsureSuccessStatusCode();
        var path = DeliveryServer.NewPath();
        // A receiver a little slow to answer, so the backlog is still long when the silo dies.
        await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects/SEQ/webhooks", new
        {
            title = "Ordered", url = Receiver.Url(path, new Reply(Delay: TimeSpan.FromMilliseconds(20))),
            events = new[] { "result.created" }, ordered = true,
        }), HttpStatusCode.Created);

        // The first event activates the webhook on A, the only silo; it stays there, busy, while B joins.
        await Publish(client, 1, 1);
        await Receiver.WaitFor(path, 1, within: TimeSpan.FromSeconds(60));
        var siloB = Processes.StartSilo("silo-b");
        await siloB.WaitUntilReady(Start);
        for (var first = 2; first <= Events; first += 100)
        {
            await Publish(client, first, Math.Min(100, Events - first + 1));
        }
        await Receiver.WaitFor(path, 40, within: TimeSpan.FromSeconds(60));

        siloA.Kill();
        Assert.True(Receiver.At(path).Count < Events, "the silo was killed with most of the backlog still to go");
        Processes.Restart(siloA);

        await Eventually.True(() => Distinct(path).Count == Events, TimeSpan.FromSeconds(120),
            () => $"{Distinct(path).Count} of {Events} events received\n{Processes.Tail()}");
        // At least once and in order: only a delivery in flight at the crash may come again, right after itself.
        Assert.Equal(Enumerable.Range(1, Events), Distinct(path));
        output.WriteLine($"{Receiver.At(path).Count} requests for {Events} events: {Receiver.At(path).Count - Events} repeated after the crash");
    }

    private static async Task Publish(HttpClient client, int first, int count)
    {
        var events = Enumerable.Range(first, count).Select(id => new { event_name = "result.created", payload = new { id } }).ToArray();
        await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects/SEQ/events/batch", new { events }), HttpStatusCode.Accepted);
    }

    // The events received with adjacent repeats collapsed: anything out of order or lost shows as a difference.
    private List<int> Distinct(string path)
    {
        var ids = new List<int>();
        foreach (var id in Receiver.At(path).Select(EventPublisher.EventId))
        {
            if (ids.Count == 0 || ids[^1] != id)
            {
                ids.Add(id);
            }
        }
        return ids;
    }
}
