using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qase.Webhooks.Contracts.Catalog;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Delivery;

/// <summary>With <c>Events:ValidatePayloads</c> off (the default) payloads are not checked against the schemas; <c>/test</c> sends each type's example.</summary>
[Collection(DeliveryCollection.Name)]
public sealed class PayloadPassThroughTests(DeliveryServer server)
{
    [Fact]
    public async Task Without_validation_a_payload_that_does_not_match_its_schema_is_accepted_and_delivered_untouched()
    {
        var (_, client) = await server.Api.CreateProject("NOVAL");
        var path = DeliveryServer.NewPath();
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["case.created"], code: "NOVAL");
        const string payload = """{ "id" : "twelve",  "title":5, "steps":[{"position":1,"action":7}] }""";

        await HttpAssert.Json(await client.PostAsync("/v1/projects/NOVAL/events",
            JsonAssert.Raw($$"""{"event_name":"case.created","payload":{{payload}}}""")), System.Net.HttpStatusCode.Accepted);

        var received = Assert.Single(await server.Receiver.WaitFor(path, 1));
        Assert.Contains($"\"payload\":{payload},", received.Text);
    }

    [Fact]
    public async Task Test_sends_the_example_of_the_chosen_type()
    {
        var (_, client) = await server.Api.CreateProject("TEXA");
        var path = DeliveryServer.NewPath();
        var names = EventCatalog.All.Select(t => t.Name).ToArray();
        var webhookId = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), names, code: "TEXA");

        foreach (var name in names)
        {
            var test = await HttpAssert.Json(await client.PostAsJsonAsync($"/v1/projects/TEXA/webhooks/{webhookId}/test", new { event_name = name }));
            Assert.Equal("succeeded", test.GetProperty("status").GetString());
        }

        var received = server.Receiver.At(path);
        Assert.Equal(names, received.Select(r => r.Header("X-Qase-Event")));
        foreach (var request in received)
        {
            var example = EventCatalog.Get(request.Header("X-Qase-Event")).Example;
            Assert.Contains($"\"payload\":{example},", request.Text);
            var payload = JsonNode.Parse(JsonDocument.Parse(request.Text).RootElement.GetProperty("payload").GetRawText());
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(example), payload));
        }
    }
}
