using System.Net;
using System.Net.Http.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

/// <summary>A workspace token reaches only its own workspace; everything else looks as if it did not exist.</summary>
[Collection(ApiCollection.Name)]
public sealed class WorkspaceIsolationTests(ApiServer server)
{
    [Fact]
    public async Task Project_of_another_workspace_answers_404()
    {
        var (_, owner) = await server.CreateProject("BONLY");
        var (_, other) = await server.CreateProject("DEMO");

        await HttpAssert.Problem(await other.GetAsync("/v1/projects/BONLY"), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await other.GetAsync("/v1/projects/BONLY/webhooks"), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await other.PostAsJsonAsync("/v1/projects/BONLY/webhooks", ApiServer.ValidWebhook()), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await other.DeleteAsync("/v1/projects/BONLY"), HttpStatusCode.NotFound, "not-found");
        Assert.DoesNotContain("BONLY", (await other.GetStringAsync("/v1/projects")));

        await HttpAssert.Json(await owner.GetAsync("/v1/projects/BONLY"));
        Assert.Empty(JsonAssert.Items(await HttpAssert.Json(await owner.GetAsync("/v1/projects/BONLY/webhooks"))));
    }

    [Fact]
    public async Task Long_form_with_another_workspace_id_answers_404()
    {
        var (ownerId, owner) = await server.CreateProject("DEMO");
        var webhook = await ApiServer.CreateWebhook(owner);
        var id = JsonAssert.String(webhook, "id");
        var (_, other) = await server.CreateProject("DEMO");
        var prefix = $"/v1/workspaces/{ownerId}/projects";

        await HttpAssert.Problem(await other.GetAsync(prefix), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await other.PostAsJsonAsync(prefix, new { code = "MINE", title = "Mine" }), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await other.GetAsync($"{prefix}/DEMO"), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await other.DeleteAsync($"{prefix}/DEMO"), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await other.GetAsync($"{prefix}/DEMO/webhooks"), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await other.PostAsJsonAsync($"{prefix}/DEMO/webhooks", ApiServer.ValidWebhook()), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await other.GetAsync($"{prefix}/DEMO/webhooks/{id}"), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await other.PatchAsJsonAsync($"{prefix}/DEMO/webhooks/{id}", new { title = "Taken" }), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await other.PostAsync($"{prefix}/DEMO/webhooks/{id}/disable", null), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await other.DeleteAsync($"{prefix}/DEMO/webhooks/{id}"), HttpStatusCode.NotFound, "not-found");

        var projects = JsonAssert.Items(await HttpAssert.Json(await owner.GetAsync("/v1/projects")));
        Assert.Equal(["DEMO"], projects.Select(p => JsonAssert.String(p, "code")));
        Assert.Equal(webhook.GetRawText(), (await HttpAssert.Json(await owner.GetAsync($"/v1/projects/DEMO/webhooks/{id}"))).GetRawText());
    }

    [Fact]
    public async Task Long_form_with_the_own_workspace_id_works_for_a_workspace_token()
    {
        var (id, client) = await server.CreateProject("DEMO");

        var projects = JsonAssert.Items(await HttpAssert.Json(await client.GetAsync($"/v1/workspaces/{id}/projects")));
        Assert.Equal(["DEMO"], projects.Select(p => JsonAssert.String(p, "code")));
        var webhook = await HttpAssert.Json(await client.PostAsJsonAsync($"/v1/workspaces/{id}/projects/demo/webhooks", ApiServer.ValidWebhook()), HttpStatusCode.Created);
        Assert.Equal("DEMO", JsonAssert.String(webhook, "project_code"));
        await HttpAssert.Json(await client.GetAsync($"/v1/projects/DEMO/webhooks/{JsonAssert.String(webhook, "id")}"));
    }

    [Fact]
    public async Task Webhook_of_another_workspace_answers_404_and_stays_unchanged()
    {
        var (_, owner) = await server.CreateProject("DEMO");
        var webhook = await ApiServer.CreateWebhook(owner);
        var id = JsonAssert.String(webhook, "id");
        var (_, other) = await server.CreateProject("DEMO");
        var path = $"/v1/projects/DEMO/webhooks/{id}";

        await HttpAssert.Problem(await other.GetAsync(path), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await other.PatchAsJsonAsync(path, new { title = "Taken", secret = (string?)null }), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await other.PostAsync($"{path}/disable", null), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await other.PostAsync($"{path}/enable", null), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await other.DeleteAsync(path), HttpStatusCode.NotFound, "not-found");
        Assert.Empty(JsonAssert.Items(await HttpAssert.Json(await other.GetAsync("/v1/projects/DEMO/webhooks"))));

        Assert.Equal(webhook.GetRawText(), (await HttpAssert.Json(await owner.GetAsync(path))).GetRawText());
    }

    [Fact]
    public async Task Webhook_of_another_project_answers_404()
    {
        var (_, client) = await server.CreateProject("DEMO");
        await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects", new { code = "QA", title = "QA" }), HttpStatusCode.Created);
        var webhook = await ApiServer.CreateWebhook(client, "DEMO");
        var id = JsonAssert.String(webhook, "id");

        await HttpAssert.Problem(await client.GetAsync($"/v1/projects/QA/webhooks/{id}"), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await client.PostAsync($"/v1/projects/QA/webhooks/{id}/disable", null), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await client.DeleteAsync($"/v1/projects/QA/webhooks/{id}"), HttpStatusCode.NotFound, "not-found");
        Assert.Empty(JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/QA/webhooks"))));
        Assert.True((await HttpAssert.Json(await client.GetAsync($"/v1/projects/DEMO/webhooks/{id}"))).GetProperty("enabled").GetBoolean());
    }
}
