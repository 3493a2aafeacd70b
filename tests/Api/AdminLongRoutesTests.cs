using System.Net;
using System.Net.Http.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

/// <summary>The admin token reaches every workspace's projects through <c>/v1/workspaces/{id}/projects/...</c>.</summary>
[Collection(ApiCollection.Name)]
public sealed class AdminLongRoutesTests(ApiServer server)
{
    [Fact]
    public async Task Admin_token_manages_a_workspace_project_and_its_webhooks_through_the_long_routes()
    {
        var (id, workspace) = await server.CreateWorkspace();
        using var admin = server.Client();
        var projects = $"/v1/workspaces/{id}/projects";

        var project = await HttpAssert.Json(await admin.PostAsJsonAsync(projects, new { code = "ops", title = "Operations" }), HttpStatusCode.Created);
        Assert.Equal("OPS", JsonAssert.String(project, "code"));
        Assert.Equal(["OPS"], JsonAssert.Items(await HttpAssert.Json(await admin.GetAsync(projects))).Select(p => JsonAssert.String(p, "code")));
        Assert.Equal(project.GetRawText(), (await HttpAssert.Json(await admin.GetAsync($"{projects}/OPS"))).GetRawText());

        var webhook = await HttpAssert.Json(await admin.PostAsJsonAsync($"{projects}/OPS/webhooks", ApiServer.ValidWebhook()), HttpStatusCode.Created);
        var hook = $"{projects}/OPS/webhooks/{JsonAssert.String(webhook, "id")}";
        Assert.Single(JsonAssert.Items(await HttpAssert.Json(await admin.GetAsync($"{projects}/OPS/webhooks"))));
        Assert.Equal(webhook.GetRawText(), (await HttpAssert.Json(await admin.GetAsync(hook))).GetRawText());
        Assert.Equal("Renamed", JsonAssert.String(await HttpAssert.Json(await admin.PatchAsJsonAsync(hook, new { title = "Renamed" })), "title"));
        Assert.Equal("manual", JsonAssert.String(await HttpAssert.Json(await admin.PostAsync($"{hook}/disable", null)), "disabled_reason"));
        Assert.True((await HttpAssert.Json(await admin.PostAsync($"{hook}/enable", null))).GetProperty("enabled").GetBoolean());

        // The workspace's own token sees what the admin made.
        var seen = await HttpAssert.Json(await workspace.GetAsync($"/v1/projects/OPS/webhooks/{JsonAssert.String(webhook, "id")}"));
        Assert.Equal("Renamed", JsonAssert.String(seen, "title"));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(hook)).StatusCode);
        await HttpAssert.Problem(await admin.GetAsync(hook), HttpStatusCode.NotFound, "not-found");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{projects}/OPS")).StatusCode);
        Assert.Empty(JsonAssert.Items(await HttpAssert.Json(await workspace.GetAsync("/v1/projects"))));
    }

    [Fact]
    public async Task Location_names_the_created_resource_under_the_route_it_was_created_through()
    {
        var (id, workspace) = await server.CreateWorkspace();
        using var admin = server.Client();
        var projects = $"/v1/workspaces/{id}/projects";

        var project = await admin.PostAsJsonAsync(projects, new { code = "LOC", title = "Locations" });
        Assert.Equal($"{projects}/LOC", project.Headers.Location?.OriginalString);
        var webhook = await admin.PostAsJsonAsync($"{projects}/LOC/webhooks", ApiServer.ValidWebhook());
        var created = await HttpAssert.Json(webhook, HttpStatusCode.Created);
        Assert.Equal($"{projects}/LOC/webhooks/{JsonAssert.String(created, "id")}", webhook.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(webhook.Headers.Location)).StatusCode);

        var own = await workspace.PostAsJsonAsync("/v1/projects/LOC/webhooks", ApiServer.ValidWebhook());
        var mine = await HttpAssert.Json(own, HttpStatusCode.Created);
        Assert.Equal($"/v1/projects/LOC/webhooks/{JsonAssert.String(mine, "id")}", own.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Admin_token_on_the_long_routes_of_a_missing_workspace_answers_404()
    {
        using var admin = server.Client();
        const string projects = "/v1/workspaces/ws_missing/projects";

        await HttpAssert.Problem(await admin.GetAsync(projects), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await admin.PostAsJsonAsync(projects, new { code = "DEMO", title = "Demo" }), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await admin.GetAsync($"{projects}/DEMO"), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await admin.GetAsync($"{projects}/DEMO/webhooks"), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await admin.GetAsync("/v1/workspaces/ws_missing"), HttpStatusCode.NotFound, "not-found");
    }
}
