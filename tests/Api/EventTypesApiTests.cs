using System.Net;
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
    }
}
