using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Cluster;

/// <summary>
/// PostgreSQL stops for a while under a silo and an api in client mode, with events being published and
/// attempts in flight: nothing accepted is lost, nothing unsafe is accepted, and the service comes back by itself.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresOutageTests(PostgresServer postgres, ITestOutputHelper output) : ClusterWithReceiverTest(postgres, AdminToken)
{
    private const string AdminToken = "outage-admin-token";
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Back = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Publishing_answers_503_while_the_database_is_down_and_every_accepted_event_is_delivered()
    {
        await Processes.Migrate();
        var silo = Processes.StartSilo("silo");
        await silo.WaitUntilReady(ProcessCluster.Start);
        var api = Processes.StartApi("api");
        await api.WaitUntilReady(ProcessCluster.Start);

        using var admin = ProcessCluster.Client(api, AdminToken);
        var created = await HttpAssert.Json(await admin.PostAsJsonAsync("/v1/workspaces",
            new { name = "Outage", plan = "business", owner_email = "ops@example.com" }), HttpStatusCode.Created);
        using var client = ProcessCluster.Client(api, created.GetProperty("token").GetString()!);
        (await client.PostAsJsonAsync("/v1/projects", new { code = "DOWN", title = "Down" })).EnsureSuccessStatusCode();
        var steady = DeliveryServer.NewPath();
        await DeliveryServer.CreateWebhook(client, Receiver.Url(steady), ["run.completed"], code: "DOWN");
        // Its endpoint answers only after 4 s: attempts made just before the stop finish during the outage.
        var slow = DeliveryServer.NewPath();
        var slowId = await DeliveryServer.CreateWebhook(client, Receiver.Url(slow, new Reply(200, TimeSpan.FromSeconds(4))), ["result.created"], code: "DOWN");

        using var publishing = new CancellationTokenSource();
        var publisher = new EventPublisher(client, "DOWN", "run.completed", batchSize: 5);
        var run = publisher.Run(publishing.Token);
        await Eventually.True(() => publisher.Accepted.Count >= 20, TimeSpan.FromSeconds(30), () => "publishing before the outage");
        var inFlight = new EventPublisher(client, "DOWN", "result.created", batchSize: 8);
        await inFlight.PublishBatch();
        await Receiver.WaitFor(slow, 8);

        await Postgres.Stop();
        var stopped = Stopwatch.StartNew();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            await Eventually.Value(() => Status(http, new Uri(api.BaseAddress, "/health/ready")), s => s == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(10), "the api not ready during the outage");
            await Eventually.Value(() => Status(http, new Uri(silo.BaseAddress, "/health/ready")), s => s == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(10), "the silo not ready during the outage");
            // A token never seen has no grain in memory: its activation meets the database down, and that is a 503 too.
            using (var stranger = ProcessCluster.Client(api, "unknown-" + Guid.NewGuid().ToString("N")))
            {
                var response = await stranger.GetAsync("/v1/projects");
                await HttpAssert.Problem(response, HttpStatusCode.ServiceUnavailable, "unavailable");
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
            }
            var acceptedAtStop = publisher.Accepted.Count;
            await Eventually.True(() => publisher.Unavailable >= 3, Outage, () => $"publishing answered 503 ({publisher.Unavailable} so far)");
            while (stopped.Elapsed < Outage)
            {
                await Task.Delay(200);
            }
            output.WriteLine($"outage {stopped.Elapsed.TotalSeconds:F1} s: {publisher.Unavailable} answers 503, " +
                             $"{publisher.Accepted.Count - acceptedAtStop} events accepted meanwhile (before the stop took effect)");
        }
        finally
        {
            await Postgres.StartAgain();
        }

        var restarted = Stopwatch.StartNew();
        await Task.WhenAll(api.WaitUntilReady(Back, () => Processes.Tail()), silo.WaitUntilReady(Back, () => Processes.Tail()));
        var ready = restarted.Elapsed;
        var acceptedBefore = publisher.Accepted.Count;
        await Eventually.True(() => publisher.Accepted.Count > acceptedBefore, Back, () => "publishing accepted again");
        output.WriteLine($"after the outage: ready in {ready.TotalSeconds:F1} s, publishing accepted again in {restarted.Elapsed.TotalSeconds:F1} s");
        await Eventually.True(() => publisher.Accepted.Count >= acceptedBefore + 20, TimeSpan.FromSeconds(30), () => "publishing after the outage");
        await publishing.CancelAsync();
        await run;

        Assert.True(publisher.Faults.Count == 0, string.Join("\n", publisher.Faults));
        await Eventually.True(() => Missing(steady, publisher.Accepted).Count == 0, TimeSpan.FromSeconds(60),
            () => $"{Missing(steady, publisher.Accepted).Count} of {publisher.Accepted.Count} accepted events not delivered\n{Processes.Tail()}");
        // Attempts that finished while the database was down were written when it came back, not made again.
        var deliveries = await Eventually.Value(() => DeliveryServer.Deliveries(client, slowId, code: "DOWN"),
            page => page.GetProperty("items").EnumerateArray().All(d => d.GetProperty("status").GetString() == "succeeded"),
            TimeSpan.FromSeconds(30), "the attempts of the outage recorded");
        Assert.Equal(8, deliveries.GetProperty("items").GetArrayLength());
        Assert.All(deliveries.GetProperty("items").EnumerateArray(), d => Assert.Equal(1, d.GetProperty("attempt_count").GetInt32()));
        Assert.Equal(8, Receiver.At(slow).Count);
        output.WriteLine($"accepted {publisher.Accepted.Count} events, all delivered; {publisher.Unavailable} answers 503, " +
                         $"{publisher.TimedOut} timed out, 0 answers 500");
    }

    private List<int> Missing(string path, IReadOnlyCollection<int> accepted)
    {
        var received = Receiver.At(path).Select(EventPublisher.EventId).ToHashSet();
        return [.. accepted.Where(id => !received.Contains(id))];
    }

    private static async Task<HttpStatusCode> Status(HttpClient http, Uri uri)
    {
        try
        {
            using var response = await http.GetAsync(uri);
            return response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }
}
