using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Delivery;

[Collection(DeliveryCollection.Name)]
public sealed class DeliveryControlsTests(DeliveryServer server)
{
    [Fact]
    public async Task A_rate_limited_webhook_starts_at_most_its_limit_per_second_and_delivers_its_whole_backlog()
    {
        const int limit = 5;
        const int events = 30;
        var (_, client) = await server.Api.CreateProject("RATE");
        var limitedPath = DeliveryServer.NewPath();
        var freePath = DeliveryServer.NewPath();
        var limited = await CreateWebhook(client, "RATE", server.Receiver.Url(limitedPath), new { rate_limit = limit });
        await CreateWebhook(client, "RATE", server.Receiver.Url(freePath), new { });

        await PublishBatch(client, "RATE", Enumerable.Range(1, events));

        // The unlimited webhook of the same project is not slowed: it has all of them long before the limited one.
        await server.Receiver.WaitFor(freePath, events, within: TimeSpan.FromSeconds(3));
        Assert.True(server.Receiver.At(limitedPath).Count < events, "the limited webhook is still working through its backlog");
        await server.Receiver.WaitFor(limitedPath, events, within: TimeSpan.FromSeconds(30));

        // The service's own start times of the attempts: any stretch of them holds at most limit × its length plus
        // the one-second burst (one more for the millisecond rounding of the recorded times).
        var page = await Eventually.Value(() => DeliveryServer.Deliveries(client, limited, "?status=succeeded&limit=100", code: "RATE"),
            p => Items(p).Length == events, TimeSpan.FromSeconds(10), "every outcome stored");
        var starts = Items(page).Select(d => d.GetProperty("last_attempt_at").GetDateTimeOffset()).Order().ToList();
        Assert.Equal(events, starts.Count);
        for (var i = 0; i < starts.Count; i++)
        {
            for (var j = i + 1; j < starts.Count; j++)
            {
                var seconds = (starts[j] - starts[i]).TotalSeconds;
                Assert.True(j - i + 1 <= limit * seconds + limit + 1,
                    $"{j - i + 1} attempts started within {seconds:0.000} s under a limit of {limit}/s");
            }
        }
        Assert.True((starts[^1] - starts[0]).TotalSeconds >= (events - limit - 1) / (double)limit,
            $"{events} attempts took {(starts[^1] - starts[0]).TotalSeconds:0.000} s");
    }

    [Fact]
    public async Task An_ordered_webhook_holds_later_events_while_one_fails_and_sends_them_in_order()
    {
        var (_, client) = await server.Api.CreateProject("ORD");
        var path = DeliveryServer.NewPath();
        // The 3rd delivery fails twice (requests 3 and 4), then everything succeeds.
        var url = server.Receiver.Url(path, Reply.Ok, Reply.Ok, new Reply(500), new Reply(500), Reply.Ok);
        var webhookId = await CreateWebhook(client, "ORD", url, new { ordered = true });

        // Two on their own, then three in one batch: the order of acceptance holds within and across publishes.
        await DeliveryServer.Publish(client, "run.completed", new { id = 1 }, code: "ORD");
        await DeliveryServer.Publish(client, "run.completed", new { id = 2 }, code: "ORD");
        await PublishBatch(client, "ORD", [3, 4, 5]);

        await Eventually.Value(() => DeliveryServer.Deliveries(client, webhookId, "?status=succeeded", code: "ORD"),
            page => Items(page).Length == 5, TimeSpan.FromSeconds(20), "all five delivered");
        Assert.Equal([1, 2, 3, 3, 3, 4, 5], server.Receiver.At(path).Select(PayloadId));
    }

    [Fact]
    public async Task An_ordered_webhook_has_one_delivery_in_flight_at_a_time()
    {
        var (_, client) = await server.Api.CreateProject("ONE");
        var path = DeliveryServer.NewPath();
        var url = server.Receiver.Url(path, new Reply(Delay: TimeSpan.FromMilliseconds(100)));
        var webhookId = await CreateWebhook(client, "ONE", url, new { ordered = true });

        await PublishBatch(client, "ONE", Enumerable.Range(1, 10));

        await Eventually.Value(() => DeliveryServer.Deliveries(client, webhookId, "?status=succeeded", code: "ONE"),
            page => Items(page).Length == 10, TimeSpan.FromSeconds(20), "all ten delivered");
        var received = server.Receiver.At(path);
        Assert.Equal(Enumerable.Range(1, 10), received.Select(PayloadId));
        // Each answer takes 100 ms and the next is sent only after it: no two arrive within that time.
        Assert.All(received.Zip(received.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= TimeSpan.FromMilliseconds(95),
            $"{pair.Second.At - pair.First.At} between two deliveries"));
    }

    [Fact]
    public async Task Turning_ordered_on_while_deliveries_wait_sends_the_rest_in_order()
    {
        var (_, client) = await server.Api.CreateProject("FLIP");
        var path = DeliveryServer.NewPath();
        // Everything fails at first, so the backlog waits in the store while the switch is turned.
        var url = server.Receiver.Url(path, new Reply(503, Headers: new Dictionary<string, string> { ["Retry-After"] = "2" }));
        var webhookId = await CreateWebhook(client, "FLIP", url, new { });
        await PublishBatch(client, "FLIP", Enumerable.Range(1, 8));
        await server.Receiver.WaitFor(path, 8);

        var patched = await HttpAssert.Json(await client.PatchAsJsonAsync($"/v1/projects/FLIP/webhooks/{webhookId}", new { ordered = true }));
        Assert.True(patched.GetProperty("ordered").GetBoolean());
        var before = server.Receiver.At(path).Count;
        server.Receiver.Url(path, Reply.Ok);

        await Eventually.Value(() => DeliveryServer.Deliveries(client, webhookId, "?status=succeeded", code: "FLIP"),
            page => Items(page).Length == 8, TimeSpan.FromSeconds(20), "all eight delivered");
        var after = server.Receiver.At(path).Skip(before).Select(PayloadId).ToList();
        Assert.Equal(after.Order(), after);
        Assert.Equal(Enumerable.Range(1, 8), after.Distinct().Order());
    }

    [Fact]
    public async Task An_ordered_webhook_disabled_by_its_endpoint_fails_the_deliveries_held_behind()
    {
        var (_, client) = await server.Api.CreateProject("GONE");
        var path = DeliveryServer.NewPath();
        var webhookId = await CreateWebhook(client, "GONE", server.Receiver.Url(path, Reply.Ok, new Reply(410)), new { ordered = true });

        await PublishBatch(client, "GONE", Enumerable.Range(1, 5));

        var failed = await Eventually.Value(() => DeliveryServer.Deliveries(client, webhookId, "?status=failed", code: "GONE"),
            page => Items(page).Length == 4 && Items(page).Any(d => d.GetProperty("attempt_count").GetInt32() == 1),
            TimeSpan.FromSeconds(20), "the four after the first failed, the 410 recorded");
        Assert.Equal([1, 2], server.Receiver.At(path).Select(PayloadId));
        // The three held behind were never sent: they failed with the disabling.
        Assert.Equal(3, Items(failed).Count(d => d.GetProperty("attempt_count").GetInt32() == 0));
        var webhook = await HttpAssert.Json(await client.GetAsync($"/v1/projects/GONE/webhooks/{webhookId}"));
        Assert.Equal("gone", webhook.GetProperty("disabled_reason").GetString());
    }

    [Fact]
    public async Task A_redelivery_on_an_ordered_webhook_takes_its_place_ahead_of_a_held_retry()
    {
        var (_, client) = await server.Api.CreateProject("REORD");
        var path = DeliveryServer.NewPath();
        // The 3rd delivery is asked to wait a minute: it holds everything after it.
        var url = server.Receiver.Url(path, Reply.Ok, Reply.Ok, new Reply(503, Headers: new Dictionary<string, string> { ["Retry-After"] = "60" }), Reply.Ok);
        var webhookId = await CreateWebhook(client, "REORD", url, new { ordered = true });
        await PublishBatch(client, "REORD", Enumerable.Range(1, 4));
        await server.Receiver.WaitFor(path, 3);
        var first = Items(await DeliveryServer.Deliveries(client, webhookId, "?status=succeeded", code: "REORD"))
            .Single(d => d.GetProperty("id").GetString() == server.Receiver.At(path)[0].Header("webhook-id"));

        var redeliver = await client.PostAsync($"/v1/projects/REORD/webhooks/{webhookId}/deliveries/{first.GetProperty("id").GetString()}/redeliver", null);
        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);

        // Accepted first, it goes before the held 3rd; the 4th still waits behind the 3rd.
        await server.Receiver.WaitFor(path, 4);
        Assert.Equal([1, 2, 3, 1], server.Receiver.At(path).Select(PayloadId));
        // Once the redelivery's outcome is stored, the 3rd and the 4th are what is left, still pending.
        await Eventually.Value(() => DeliveryServer.Deliveries(client, webhookId, "?status=pending", code: "REORD"),
            page => Items(page).Length == 2, TimeSpan.FromSeconds(10), "the 3rd and 4th left pending");
        Assert.Equal(4, server.Receiver.At(path).Count);
    }

    private static JsonElement[] Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    private static int PayloadId(ReceivedRequest request) =>
        JsonDocument.Parse(request.Body).RootElement.GetProperty("payload").GetProperty("id").GetInt32();

    private static async Task<string> CreateWebhook(HttpClient client, string code, string url, object controls)
    {
        var fields = JsonSerializer.SerializeToNode(new { title = "Receiver", url, events = new[] { "run.completed" } })!.AsObject();
        foreach (var (name, value) in JsonSerializer.SerializeToNode(controls)!.AsObject())
        {
            fields[name] = value?.DeepClone();
        }
        var created = await HttpAssert.Json(await client.PostAsJsonAsync($"/v1/projects/{code}/webhooks", fields), HttpStatusCode.Created);
        return created.GetProperty("id").GetString()!;
    }

    private static async Task PublishBatch(HttpClient client, string code, IEnumerable<int> ids)
    {
        var batch = new { events = ids.Select(id => new { event_name = "run.completed", payload = new { id } }).ToArray() };
        await HttpAssert.Json(await client.PostAsJsonAsync($"/v1/projects/{code}/events/batch", batch), HttpStatusCode.Accepted);
    }
}
