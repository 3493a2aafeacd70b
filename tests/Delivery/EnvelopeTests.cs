using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qase.Webhooks.Contracts.Catalog;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Delivery;

[Collection(DeliveryCollection.Name)]
public sealed class EnvelopeTests(DeliveryServer server)
{
    [Fact]
    public async Task Every_event_type_reaches_a_subscribed_receiver_in_the_exact_envelope()
    {
        var (_, client) = await server.Api.CreateProject("ENV");
        var path = DeliveryServer.NewPath();
        var names = EventCatalog.All.Select(t => t.Name).ToArray();
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), names, code: "ENV");

        var events = names.Select((name, i) => new
        {
            event_name = name,
            payload = new { id = i, note = $"payload of {name}", nested = new { list = new[] { 1, 2, 3 } } },
            team_member_id = i % 2 == 0 ? (long?)40 + i : null,
            timestamp = 1650540194 + i,
        }).ToArray();
        var response = await client.PostAsJsonAsync("/v1/projects/env/events/batch", new { events });
        var answer = await HttpAssert.Json(response, System.Net.HttpStatusCode.Accepted);
        Assert.All(answer.GetProperty("items").EnumerateArray(), item => Assert.Equal(1, item.GetProperty("webhooks").GetInt32()));

        var received = await server.Receiver.WaitFor(path, names.Length);
        Assert.Equal(names.Length, received.Count);
        foreach (var e in events)
        {
            var request = Assert.Single(received, r => r.Header("X-Qase-Event") == e.event_name);
            var expected = new JsonObject
            {
                ["event_name"] = e.event_name,
                ["timestamp"] = e.timestamp,
                ["payload"] = JsonSerializer.SerializeToNode(e.payload),
                ["team_member_id"] = e.team_member_id,
                ["project_code"] = "ENV",
            };
            Assert.Equal(expected.ToJsonString(), request.Text);
            Assert.Equal("application/json", request.Header("Content-Type"));
            Assert.StartsWith("Qase-Webhooks/", request.Header("User-Agent"));
            Assert.Equal(request.Header("webhook-id"), request.Header("X-Qase-Delivery"));
            Assert.StartsWith("dlv_", request.Header("webhook-id"));
            Assert.InRange(long.Parse(request.Header("webhook-timestamp")),
                DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
            Assert.Equal("", request.Header("X-Qase-Secret"));
            Assert.Equal("", request.Header("webhook-signature"));
        }
    }

    [Fact]
    public async Task Payload_is_passed_through_untouched()
    {
        var (_, client) = await server.Api.CreateProject("RAW");
        var path = DeliveryServer.NewPath();
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["case.created"], code: "RAW");

        const string payload = """{ "title" : "Ünïcode ✓ \u00e9", "big": 12345678901234567890, "float": 1.50, "nested": {"a" : [ ]} }""";
        using var content = new StringContent($$"""{"event_name":"case.created","payload":{{payload}},"timestamp":7}""",
            System.Text.Encoding.UTF8, "application/json");
        await HttpAssert.Json(await client.PostAsync("/v1/projects/RAW/events", content), System.Net.HttpStatusCode.Accepted);

        var request = Assert.Single(await server.Receiver.WaitFor(path, 1));
        Assert.Equal($$"""{"event_name":"case.created","timestamp":7,"payload":{{payload}},"team_member_id":null,"project_code":"RAW"}""", request.Text);
    }

    [Fact]
    public async Task Only_enabled_subscribed_webhooks_of_the_project_get_the_event()
    {
        var (_, client) = await server.Api.CreateProject("ONE");
        await client.PostAsJsonAsync("/v1/projects", new { code = "TWO", title = "Other project" });
        var (_, otherClient) = await server.Api.CreateProject("ONE", plan: "startup");

        var subscribed = DeliveryServer.NewPath();
        var otherType = DeliveryServer.NewPath();
        var disabled = DeliveryServer.NewPath();
        var otherProject = DeliveryServer.NewPath();
        var otherWorkspace = DeliveryServer.NewPath();
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(subscribed), ["run.completed"], code: "ONE");
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(otherType), ["run.started"], code: "ONE");
        var disabledId = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(disabled), ["run.completed"], code: "ONE");
        (await client.PostAsync($"/v1/projects/ONE/webhooks/{disabledId}/disable", null)).EnsureSuccessStatusCode();
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(otherProject), ["run.completed"], code: "TWO");
        await DeliveryServer.CreateWebhook(otherClient, server.Receiver.Url(otherWorkspace), ["run.completed"], code: "ONE");

        var answer = await DeliveryServer.Publish(client, "run.completed", new { id = 1 }, code: "ONE");
        Assert.Equal(1, answer.GetProperty("webhooks").GetInt32());
        await server.Receiver.WaitFor(subscribed, 1);

        // A later event to the same receiver orders the check: by then anything misrouted would have arrived.
        await DeliveryServer.Publish(client, "run.completed", new { id = 2 }, code: "ONE");
        await server.Receiver.WaitFor(subscribed, 2);
        Assert.Empty(server.Receiver.At(otherType));
        Assert.Empty(server.Receiver.At(disabled));
        Assert.Empty(server.Receiver.At(otherProject));
        Assert.Empty(server.Receiver.At(otherWorkspace));
    }

    [Fact]
    public async Task A_free_workspace_accepts_events_and_delivers_them_to_nobody()
    {
        var (workspaceId, client) = await server.Api.CreateProject("FREE", plan: "business");
        var path = DeliveryServer.NewPath();
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["defect.created"], code: "FREE");
        using var admin = server.Api.Client();
        (await admin.PatchAsJsonAsync($"/v1/workspaces/{workspaceId}", new { plan = "free" })).EnsureSuccessStatusCode();

        var answer = await DeliveryServer.Publish(client, "defect.created", new { id = 3 }, code: "FREE");
        Assert.Equal(0, answer.GetProperty("webhooks").GetInt32());

        (await admin.PatchAsJsonAsync($"/v1/workspaces/{workspaceId}", new { plan = "startup" })).EnsureSuccessStatusCode();
        answer = await DeliveryServer.Publish(client, "defect.created", new { id = 4 }, code: "FREE");
        Assert.Equal(1, answer.GetProperty("webhooks").GetInt32());
        var received = await server.Receiver.WaitFor(path, 1);
        Assert.Contains("\"id\":4", Assert.Single(received).Text);
    }
}
