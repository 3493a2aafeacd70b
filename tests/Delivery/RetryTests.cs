using System.Net.Http.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Delivery;

[Collection(DeliveryCollection.Name)]
public sealed class RetryTests(DeliveryServer server)
{
    [Fact]
    public async Task Failing_twice_then_succeeding_makes_three_attempts_under_one_delivery_id()
    {
        var (_, client) = await server.Api.CreateProject("RTY");
        var path = DeliveryServer.NewPath();
        var url = server.Receiver.Url(path, new Reply(500, Body: "boom"), new Reply(502), Reply.Ok);
        var webhookId = await DeliveryServer.CreateWebhook(client, url, ["run.completed"], code: "RTY");

        await DeliveryServer.Publish(client, "run.completed", new { id = 1 }, code: "RTY");
        var received = await server.Receiver.WaitFor(path, 3);

        Assert.Single(received.Select(r => r.Header("webhook-id")).Distinct());
        var deliveryId = received[0].Header("webhook-id");
        var detail = await Eventually.Value(
            () => client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/projects/RTY/webhooks/{webhookId}/deliveries/{deliveryId}"),
            d => d.GetProperty("status").GetString() == "succeeded", TimeSpan.FromSeconds(10), "delivery succeeded");
        Assert.Equal(3, detail.GetProperty("attempt_count").GetInt32());
        var attempts = detail.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal([500, 502, 200], attempts.Select(a => a.GetProperty("response_status").GetInt32()));
        Assert.Equal("boom", attempts[0].GetProperty("response_body").GetString());
        Assert.Contains("500", attempts[0].GetProperty("error").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, attempts[2].GetProperty("error").ValueKind);
        Assert.Equal(200, detail.GetProperty("response_status").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, detail.GetProperty("next_attempt_at").ValueKind);
    }

    [Fact]
    public async Task Retry_after_on_503_sets_a_longer_wait()
    {
        var (_, client) = await server.Api.CreateProject("RA");
        var path = DeliveryServer.NewPath();
        var url = server.Receiver.Url(path, new Reply(503, Headers: new Dictionary<string, string> { ["Retry-After"] = "2" }), Reply.Ok);
        var webhookId = await DeliveryServer.CreateWebhook(client, url, ["run.completed"], code: "RA");

        await DeliveryServer.Publish(client, "run.completed", new { id = 1 }, code: "RA");
        var received = await server.Receiver.WaitFor(path, 2);

        // The schedule says 0.3 s; the endpoint asked for 2 s. Attempt times are the service's own.
        var deliveryId = received[0].Header("webhook-id");
        var detail = await Eventually.Value(
            () => client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/projects/RA/webhooks/{webhookId}/deliveries/{deliveryId}"),
            d => d.GetProperty("attempts").GetArrayLength() == 2, TimeSpan.FromSeconds(10), "both attempts logged");
        var at = detail.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.True(at[1] - at[0] >= TimeSpan.FromSeconds(1.99), $"retried after {(at[1] - at[0]).TotalSeconds:0.000} s");
        Assert.Equal(2, detail.GetProperty("attempt_count").GetInt32());
    }

    [Fact]
    public async Task A_hanging_endpoint_does_not_delay_another_webhook()
    {
        var (_, client) = await server.Api.CreateProject("HANG");
        var slow = DeliveryServer.NewPath();
        var fast = DeliveryServer.NewPath();
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(slow, Reply.Hang), ["run.completed"], code: "HANG");
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(fast), ["run.completed"], code: "HANG");

        for (var i = 0; i < 20; i++)
        {
            await DeliveryServer.Publish(client, "run.completed", new { id = i }, code: "HANG");
        }

        // All twenty reach the fast endpoint while the slow one still holds its first requests open
        // (its attempts time out after 3 s).
        await server.Receiver.WaitFor(fast, 20, within: TimeSpan.FromSeconds(2.5));
        Assert.NotEmpty(server.Receiver.At(slow));
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_counts_as_a_failure()
    {
        var (_, client) = await server.Api.CreateProject("REDIR");
        var target = DeliveryServer.NewPath();
        var redirecting = DeliveryServer.NewPath();
        var url = server.Receiver.Url(redirecting, new Reply(302, Headers: new Dictionary<string, string> { ["Location"] = server.Receiver.Url(target) }));
        var webhookId = await DeliveryServer.CreateWebhook(client, url, ["run.completed"], code: "REDIR");

        var test = await HttpAssert.Json(await client.PostAsync($"/v1/projects/REDIR/webhooks/{webhookId}/test", null));

        Assert.Equal("failed", test.GetProperty("status").GetString());
        Assert.Equal(302, test.GetProperty("response_status").GetInt32());
        Assert.Contains("redirect", test.GetProperty("error").GetString());
        Assert.Empty(server.Receiver.At(target));
    }
}
