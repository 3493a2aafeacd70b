using System.Net.Http.Json;
using System.Text.Json;
using Qase.Webhooks.Contracts.Catalog;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Delivery;

/// <summary>
/// <c>Events:ValidatePayloads=true</c> (SPEC §11): a payload that does not match its type's schema is a 400 naming the
/// JSON path, and nothing of that request is stored or delivered.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PayloadValidationTests(ValidatingDeliveryServer server) : IClassFixture<ValidatingDeliveryServer>
{
    [Fact]
    public async Task A_single_event_whose_payload_does_not_match_is_refused_naming_the_path_and_nothing_is_delivered()
    {
        var (_, client) = await server.Api.CreateProject("VAL");
        var path = DeliveryServer.NewPath();
        var webhookId = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["case.created", "run.completed"], code: "VAL");

        var problem = await HttpAssert.Invalid(await client.PostAsync("/v1/projects/VAL/events", JsonAssert.Raw(
                """{"event_name":"case.created","payload":{"id":"twelve","title":"Login","steps":[{"position":1,"action":7}]}}""")),
            "payload.id", "payload.steps[0].action");
        Assert.Contains("integer", problem.GetProperty("errors").GetProperty("payload.id")[0].GetString());

        await AssertOnlyTheNextEventArrives(client, webhookId, path, "VAL");
    }

    [Fact]
    public async Task A_batch_with_one_payload_that_does_not_match_is_refused_whole_naming_its_index()
    {
        var (_, client) = await server.Api.CreateProject("VALB");
        var path = DeliveryServer.NewPath();
        var webhookId = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["case.created", "run.completed"], code: "VALB");
        var example = JsonDocument.Parse(EventCatalog.Get("case.created").Example).RootElement;
        object[] events =
        [
            new { event_name = "case.created", payload = example },
            new { event_name = "run.completed", payload = new { id = 2, cases = 14, passed = 14, failed = 0, blocked = 0, duration = 0 } },
            new { event_name = "run.completed", payload = new { id = 3, cases = 14, passed = 14, failed = 0, blocked = 0, duration = 0 } },
            new { event_name = "case.created", payload = new { id = 4, description = "No title" } },
        ];

        var problem = await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects/VALB/events/batch", new { events }), "events[3].payload.title");
        Assert.Contains("title", problem.GetProperty("errors").GetProperty("events[3].payload.title")[0].GetString());

        await AssertOnlyTheNextEventArrives(client, webhookId, path, "VALB");
    }

    [Fact]
    public async Task Payloads_that_match_are_accepted_and_delivered_as_sent()
    {
        var (_, client) = await server.Api.CreateProject("VALOK");
        var path = DeliveryServer.NewPath();
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["case.created"], code: "VALOK");
        // Unknown properties are allowed, and the spacing of what was sent is kept.
        var payload = EventCatalog.Get("case.created").Example.Replace("{\"id\":1610,", "{ \"id\" : 1610 , \"x_extra\" : [1,2] ,");

        await HttpAssert.Json(await client.PostAsync("/v1/projects/VALOK/events",
            JsonAssert.Raw($$"""{"event_name":"case.created","payload":{{payload}}}""")), System.Net.HttpStatusCode.Accepted);

        var received = Assert.Single(await server.Receiver.WaitFor(path, 1));
        Assert.Contains($"\"payload\":{payload},", received.Text);
    }

    // Nothing of the refused request was stored: the log holds only the event published after it, and the receiver saw only that.
    private async Task AssertOnlyTheNextEventArrives(HttpClient client, string webhookId, string path, string code)
    {
        await DeliveryServer.Publish(client, "run.completed", new { id = 9, cases = 1, passed = 1, failed = 0, blocked = 0, duration = 5 }, code);
        var received = Assert.Single(await server.Receiver.WaitFor(path, 1));
        Assert.Equal("run.completed", received.Header("X-Qase-Event"));
        Assert.Equal(9, JsonDocument.Parse(received.Text).RootElement.GetProperty("payload").GetProperty("id").GetInt32());
        var log = await DeliveryServer.Deliveries(client, webhookId, code: code);
        Assert.Equal("run.completed", Assert.Single(log.GetProperty("items").EnumerateArray()).GetProperty("event_name").GetString());
    }
}
