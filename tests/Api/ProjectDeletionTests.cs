using System.Net;
using System.Net.Http.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class ProjectDeletionTests(ApiServer server)
{
    [Fact]
    public async Task Deleting_a_project_deletes_its_webhooks_for_good()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var enabled = JsonAssert.String(await ApiServer.CreateWebhook(client), "id");
        var disabled = JsonAssert.String(await ApiServer.CreateWebhook(client, body: new
        {
            title = "Off", url = "https://off.example.com/hook", events = new[] { "case.created" }, enabled = false,
        }), "id");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/v1/projects/DEMO")).StatusCode);
        await HttpAssert.Problem(await client.GetAsync("/v1/projects/DEMO/webhooks"), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await client.GetAsync($"/v1/projects/DEMO/webhooks/{enabled}"), HttpStatusCode.NotFound, "not-found");

        await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects", new { code = "demo", title = "Demo again" }), HttpStatusCode.Created);

        Assert.Empty(JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/DEMO/webhooks"))));
        foreach (var id in new[] { enabled, disabled })
        {
            var path = $"/v1/projects/DEMO/webhooks/{id}";
            await HttpAssert.Problem(await client.GetAsync(path), HttpStatusCode.NotFound, "not-found");
            await HttpAssert.Problem(await client.PostAsync($"{path}/enable", null), HttpStatusCode.NotFound, "not-found");
            await HttpAssert.Problem(await client.PatchAsJsonAsync(path, new { title = "Back" }), HttpStatusCode.NotFound, "not-found");
        }
        var fresh = await ApiServer.CreateWebhook(client);
        Assert.Equal([JsonAssert.String(fresh, "id")],
            JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/DEMO/webhooks"))).Select(w => JsonAssert.String(w, "id")));
    }

    [Fact]
    public async Task Deleting_a_project_leaves_the_other_projects_webhooks()
    {
        var (_, client) = await server.CreateProject("DEMO");
        await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects", new { code = "KEEP", title = "Keep" }), HttpStatusCode.Created);
        await ApiServer.CreateWebhook(client, "DEMO");
        var kept = await ApiServer.CreateWebhook(client, "KEEP");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/v1/projects/demo")).StatusCode);

        var items = JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/KEEP/webhooks")));
        Assert.Equal([kept.GetRawText()], items.Select(i => i.GetRawText()));
    }

    [Fact]
    public async Task Deleting_a_project_of_a_free_workspace_deletes_its_webhooks_too()
    {
        var (workspaceId, client) = await server.CreateProject("DEMO");
        var id = JsonAssert.String(await ApiServer.CreateWebhook(client), "id");
        using var admin = server.Client();
        await HttpAssert.Json(await admin.PatchAsJsonAsync($"/v1/workspaces/{workspaceId}", new { plan = "free" }));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/v1/projects/DEMO")).StatusCode);
        await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects", new { code = "DEMO", title = "Again" }), HttpStatusCode.Created);

        await HttpAssert.Problem(await client.GetAsync($"/v1/projects/DEMO/webhooks/{id}"), HttpStatusCode.NotFound, "not-found");
    }
}
