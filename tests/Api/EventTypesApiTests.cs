using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qase.Webhooks.Contracts.Catalog;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class EventTypesApiTests(ApiServer server)
{
    [Fact]
    public async Task Event_types_lists_the_43_types_with_name_group_and_title()
    {
        var (_, client) = await server.CreateWorkspace(plan: "free");

        var items = JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/event-types")));

        Assert.Equal(43, items.Length);
        Assert.All(items, item => JsonAssert.Fields(item, "name", "group", "title"));
        Assert.Equal(43, items.Select(i => JsonAssert.String(i, "name")).Distinct().Count());
        Assert.Equal(
            EventCatalog.All.Select(t => (t.Name, t.Group, t.Title)),
            items.Select(i => (JsonAssert.String(i, "name"), JsonAssert.String(i, "group"), JsonAssert.String(i, "title"))));
        var first = items[0];
        Assert.Equal("case.created", JsonAssert.String(first, "name"));
        Assert.Equal("Test cases", JsonAssert.String(first, "group"));
        Assert.Equal("Create test case", JsonAssert.String(first, "title"));
        Assert.Equal(10, items.Select(i => JsonAssert.String(i, "group")).Distinct().Count());
    }

    [Fact]
    public async Task Event_types_need_a_token()
    {
        using var anonymous = server.Client(token: null);
        await HttpAssert.Problem(await anonymous.GetAsync("/v1/event-types"), HttpStatusCode.Unauthorized, "unauthorized");
        await HttpAssert.Problem(await anonymous.GetAsync("/v1/event-types/run.completed"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("case.created", "Test cases", "Create test case", "title")]
    [InlineData("run.completed", "Test runs", "Complete test run", "passed")]
    [InlineData("review.reviewer_added", "Reviews", "Reviewer added", "reviewer")]
    [InlineData("result.created", "Results", "Create test run results", "case_id")]
    public async Task An_event_type_answers_its_payload_schema_and_an_example(string name, string group, string title, string property)
    {
        var (_, client) = await server.CreateWorkspace(plan: "free");

        var type = await HttpAssert.Json(await client.GetAsync($"/v1/event-types/{name}"));

        JsonAssert.Fields(type, "name", "group", "title", "schema", "example");
        Assert.Equal((name, group, title), (JsonAssert.String(type, "name"), JsonAssert.String(type, "group"), JsonAssert.String(type, "title")));
        var schema = type.GetProperty("schema");
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.GetProperty("$schema").GetString());
        Assert.EndsWith($"/{name}.json", schema.GetProperty("$id").GetString());
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.True(schema.GetProperty("properties").TryGetProperty(property, out _), $"{name}'s schema does not describe {property}");
        Assert.Equal(JsonValueKind.Object, type.GetProperty("example").ValueKind);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(EventCatalog.Get(name).Example), JsonNode.Parse(type.GetProperty("example").GetRawText())));
    }

    [Theory]
    [InlineData("run.finished")]
    [InlineData("Run.Completed")]
    public async Task An_unknown_event_type_is_404_naming_it(string name)
    {
        var (_, client) = await server.CreateWorkspace(plan: "free");

        var problem = await HttpAssert.Problem(await client.GetAsync($"/v1/event-types/{name}"), HttpStatusCode.NotFound, "not-found");

        Assert.Equal($"'{name}' is not a known event type.", problem.GetProperty("detail").GetString());
    }
}
