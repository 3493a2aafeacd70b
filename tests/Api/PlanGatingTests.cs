using System.Net;
using System.Net.Http.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

/// <summary>Webhooks are a paid feature: a free workspace keeps read, list, disable and delete only.</summary>
[Collection(ApiCollection.Name)]
public sealed class PlanGatingTests(ApiServer server)
{
    [Fact]
    public async Task Free_workspace_cannot_create_a_webhook()
    {
        var (_, client) = await server.CreateProject("DEMO", plan: "free");

        var problem = await HttpAssert.Problem(await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks", ApiServer.ValidWebhook()),
            HttpStatusCode.Forbidden, "plan-required");

        Assert.False(string.IsNullOrWhiteSpace(JsonAssert.String(problem, "title")));
        Assert.False(string.IsNullOrWhiteSpace(JsonAssert.String(problem, "detail")));
        Assert.Empty(JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/DEMO/webhooks"))));
    }

    [Fact]
    public async Task Free_workspace_can_read_list_disable_and_delete_but_not_update_or_enable()
    {
        var (workspaceId, client) = await server.CreateProject("DEMO", plan: "startup");
        var created = await ApiServer.CreateWebhook(client);
        var path = $"/v1/projects/DEMO/webhooks/{JsonAssert.String(created, "id")}";
        using var admin = server.Client();
        await HttpAssert.Json(await admin.PatchAsJsonAsync($"/v1/workspaces/{workspaceId}", new { plan = "free" }));

        Assert.Equal(created.GetRawText(), (await HttpAssert.Json(await client.GetAsync(path))).GetRawText());
        Assert.Single(JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/DEMO/webhooks"))));
        await HttpAssert.Problem(await client.PatchAsJsonAsync(path, new { title = "Renamed" }), HttpStatusCode.Forbidden, "plan-required");
        await HttpAssert.Problem(await client.PatchAsJsonAsync(path, new { enabled = false }), HttpStatusCode.Forbidden, "plan-required");
        await HttpAssert.Problem(await client.PostAsync($"{path}/rotate-secret", null), HttpStatusCode.Forbidden, "plan-required");
        await HttpAssert.Problem(await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks", ApiServer.ValidWebhook()), HttpStatusCode.Forbidden, "plan-required");
        Assert.Equal("CI", JsonAssert.String(await HttpAssert.Json(await client.GetAsync(path)), "title"));

        var disabled = await HttpAssert.Json(await client.PostAsync($"{path}/disable", null));
        Assert.Equal("manual", JsonAssert.String(disabled, "disabled_reason"));
        await HttpAssert.Problem(await client.PostAsync($"{path}/enable", null), HttpStatusCode.Forbidden, "plan-required");
        Assert.False((await HttpAssert.Json(await client.GetAsync(path))).GetProperty("enabled").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(path)).StatusCode);
        await HttpAssert.Problem(await client.GetAsync(path), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task After_upgrading_to_startup_webhooks_can_be_created_and_enabled()
    {
        var (workspaceId, client) = await server.CreateProject("DEMO", plan: "free");
        await HttpAssert.Problem(await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks", ApiServer.ValidWebhook()), HttpStatusCode.Forbidden, "plan-required");
        using var admin = server.Client();

        var upgraded = await HttpAssert.Json(await admin.PatchAsJsonAsync($"/v1/workspaces/{workspaceId}", new { plan = "startup" }));
        Assert.Equal("startup", JsonAssert.String(upgraded, "plan"));

        var created = await ApiServer.CreateWebhook(client);
        var path = $"/v1/projects/DEMO/webhooks/{JsonAssert.String(created, "id")}";
        await HttpAssert.Json(await client.PostAsync($"{path}/disable", null));
        Assert.True((await HttpAssert.Json(await client.PostAsync($"{path}/enable", null))).GetProperty("enabled").GetBoolean());
        Assert.Equal("Renamed", JsonAssert.String(await HttpAssert.Json(await client.PatchAsJsonAsync(path, new { title = "Renamed" })), "title"));
    }

    [Fact]
    public async Task Free_workspace_still_manages_its_projects()
    {
        var (_, client) = await server.CreateWorkspace(plan: "free");

        await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects", new { code = "FREE", title = "Free" }), HttpStatusCode.Created);
        await HttpAssert.Json(await client.GetAsync("/v1/projects/FREE"));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/v1/projects/FREE")).StatusCode);
    }
}
