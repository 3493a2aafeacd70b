using System.Net;
using System.Net.Http.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class WorkspacesApiTests(ApiServer server)
{
    [Fact]
    public async Task Creating_a_workspace_answers_201_with_the_workspace_and_a_token_shown_once()
    {
        using var admin = server.Client();
        var response = await admin.PostAsJsonAsync("/v1/workspaces", new { name = "Acme QA", plan = "business", owner_email = "owner@acme.io" });
        var created = await HttpAssert.Json(response, HttpStatusCode.Created);

        JsonAssert.Fields(created, "id", "name", "plan", "owner_email", "created_at", "token");
        var id = JsonAssert.String(created, "id");
        Assert.Equal("Acme QA", JsonAssert.String(created, "name"));
        Assert.Equal("business", JsonAssert.String(created, "plan"));
        Assert.Equal("owner@acme.io", JsonAssert.String(created, "owner_email"));
        var createdAt = JsonAssert.Timestamp(created, "created_at");
        Assert.EndsWith($"/v1/workspaces/{id}", response.Headers.Location?.ToString());

        var read = await HttpAssert.Json(await admin.GetAsync($"/v1/workspaces/{id}"));
        JsonAssert.Fields(read, "id", "name", "plan", "owner_email", "created_at");
        Assert.Equal(id, JsonAssert.String(read, "id"));
        Assert.Equal("Acme QA", JsonAssert.String(read, "name"));
        Assert.Equal("business", JsonAssert.String(read, "plan"));
        Assert.Equal("owner@acme.io", JsonAssert.String(read, "owner_email"));
        Assert.Equal(createdAt, JsonAssert.Timestamp(read, "created_at"));

        using var workspace = server.Client(JsonAssert.String(created, "token"));
        Assert.Empty(JsonAssert.Items(await HttpAssert.Json(await workspace.GetAsync("/v1/projects"))));
    }

    [Theory]
    [InlineData("free")]
    [InlineData("startup")]
    [InlineData("business")]
    [InlineData("enterprise")]
    public async Task Every_plan_can_be_chosen(string plan)
    {
        using var admin = server.Client();
        var created = await HttpAssert.Json(await admin.PostAsJsonAsync("/v1/workspaces",
            new { name = "Acme", plan, owner_email = "owner@acme.io" }), HttpStatusCode.Created);
        Assert.Equal(plan, JsonAssert.String(created, "plan"));
    }

    [Fact]
    public async Task Patching_a_workspace_changes_only_the_fields_sent()
    {
        var (id, _) = await server.CreateWorkspace("free", "first@acme.io");
        using var admin = server.Client();
        var before = await HttpAssert.Json(await admin.GetAsync($"/v1/workspaces/{id}"));

        var upgraded = await HttpAssert.Json(await admin.PatchAsJsonAsync($"/v1/workspaces/{id}", new { plan = "enterprise" }));
        JsonAssert.Fields(upgraded, "id", "name", "plan", "owner_email", "created_at");
        Assert.Equal("enterprise", JsonAssert.String(upgraded, "plan"));
        Assert.Equal(JsonAssert.String(before, "name"), JsonAssert.String(upgraded, "name"));
        Assert.Equal("first@acme.io", JsonAssert.String(upgraded, "owner_email"));

        var renamed = await HttpAssert.Json(await admin.PatchAsJsonAsync($"/v1/workspaces/{id}",
            new { name = "Renamed", owner_email = "second@acme.io" }));
        Assert.Equal("Renamed", JsonAssert.String(renamed, "name"));
        Assert.Equal("second@acme.io", JsonAssert.String(renamed, "owner_email"));
        Assert.Equal("enterprise", JsonAssert.String(renamed, "plan"));
        Assert.Equal(JsonAssert.Timestamp(before, "created_at"), JsonAssert.Timestamp(renamed, "created_at"));

        var read = await HttpAssert.Json(await admin.GetAsync($"/v1/workspaces/{id}"));
        Assert.Equal(renamed.GetRawText(), read.GetRawText());
    }

    [Fact]
    public async Task Creating_a_workspace_with_bad_fields_names_them_all()
    {
        using var admin = server.Client();
        var response = await admin.PostAsJsonAsync("/v1/workspaces", new { name = "", owner_email = "not-an-address" });
        await HttpAssert.Invalid(response, "name", "owner_email", "plan");
    }

    [Fact]
    public async Task Creating_a_workspace_with_an_unknown_plan_names_the_plan()
    {
        using var admin = server.Client();
        var response = await admin.PostAsJsonAsync("/v1/workspaces", new { name = "Acme", plan = "gold", owner_email = "owner@acme.io" });
        await HttpAssert.Invalid(response, "plan");
    }

    [Fact]
    public async Task Patching_a_workspace_with_bad_fields_names_them_and_changes_nothing()
    {
        var (id, _) = await server.CreateWorkspace("startup", "owner@acme.io");
        using var admin = server.Client();

        await HttpAssert.Invalid(await admin.PatchAsJsonAsync($"/v1/workspaces/{id}",
            new { name = new string('n', 256), owner_email = "owner" }), "name", "owner_email");
        await HttpAssert.Invalid(await admin.PatchAsJsonAsync($"/v1/workspaces/{id}", new { plan = "platinum" }), "plan");

        var read = await HttpAssert.Json(await admin.GetAsync($"/v1/workspaces/{id}"));
        Assert.Equal("owner@acme.io", JsonAssert.String(read, "owner_email"));
        Assert.Equal("startup", JsonAssert.String(read, "plan"));
    }

    [Fact]
    public async Task Issued_tokens_work_and_are_listed_without_their_value()
    {
        var (id, first) = await server.CreateWorkspace();
        using var admin = server.Client();

        var response = await admin.PostAsync($"/v1/workspaces/{id}/tokens", null);
        var issued = await HttpAssert.Json(response, HttpStatusCode.Created);
        JsonAssert.Fields(issued, "id", "token", "created_at");
        var tokenId = JsonAssert.String(issued, "id");
        var token = JsonAssert.String(issued, "token");
        JsonAssert.Timestamp(issued, "created_at");
        Assert.True(token.Length >= 22, "a token carries at least 128 random bits");

        var list = await HttpAssert.Json(await admin.GetAsync($"/v1/workspaces/{id}/tokens"));
        var items = JsonAssert.Items(list);
        Assert.Equal(2, items.Length);
        Assert.All(items, item => JsonAssert.Fields(item, "id", "created_at"));
        Assert.All(items, item => JsonAssert.Timestamp(item, "created_at"));
        Assert.Contains(tokenId, items.Select(i => JsonAssert.String(i, "id")));
        Assert.DoesNotContain(token, list.GetRawText());

        using var second = server.Client(token);
        await HttpAssert.Json(await second.GetAsync("/v1/projects"));
        await HttpAssert.Json(await first.GetAsync("/v1/projects"));
    }

    [Fact]
    public async Task Revoked_token_stops_working_at_once_and_others_keep_working()
    {
        var (id, first) = await server.CreateWorkspace();
        using var admin = server.Client();
        var issued = await HttpAssert.Json(await admin.PostAsync($"/v1/workspaces/{id}/tokens", null), HttpStatusCode.Created);
        using var second = server.Client(JsonAssert.String(issued, "token"));
        var firstId = JsonAssert.Items(await HttpAssert.Json(await admin.GetAsync($"/v1/workspaces/{id}/tokens")))
            .Select(i => JsonAssert.String(i, "id"))
            .Single(tokenId => tokenId != JsonAssert.String(issued, "id"));
        await HttpAssert.Json(await first.GetAsync("/v1/projects"));

        var revoked = await admin.DeleteAsync($"/v1/workspaces/{id}/tokens/{firstId}");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await HttpAssert.Problem(await first.GetAsync("/v1/projects"), HttpStatusCode.Unauthorized, "unauthorized");
        await HttpAssert.Json(await second.GetAsync("/v1/projects"));
        var remaining = JsonAssert.Items(await HttpAssert.Json(await admin.GetAsync($"/v1/workspaces/{id}/tokens")));
        Assert.Equal([JsonAssert.String(issued, "id")], remaining.Select(i => JsonAssert.String(i, "id")));
        await HttpAssert.Problem(await admin.DeleteAsync($"/v1/workspaces/{id}/tokens/{firstId}"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Token_of_another_workspace_cannot_be_revoked_through_this_one()
    {
        var (ownerId, owner) = await server.CreateWorkspace();
        var (otherId, _) = await server.CreateWorkspace();
        using var admin = server.Client();
        var tokenId = JsonAssert.String(Assert.Single(JsonAssert.Items(await HttpAssert.Json(await admin.GetAsync($"/v1/workspaces/{ownerId}/tokens")))), "id");

        await HttpAssert.Problem(await admin.DeleteAsync($"/v1/workspaces/{otherId}/tokens/{tokenId}"), HttpStatusCode.NotFound, "not-found");

        await HttpAssert.Json(await owner.GetAsync("/v1/projects"));
        Assert.Single(JsonAssert.Items(await HttpAssert.Json(await admin.GetAsync($"/v1/workspaces/{ownerId}/tokens"))));
    }

    [Fact]
    public async Task Unknown_workspace_answers_404_on_every_admin_route()
    {
        using var admin = server.Client();
        const string missing = "ws_missing";

        await HttpAssert.Problem(await admin.GetAsync($"/v1/workspaces/{missing}"), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await admin.PatchAsJsonAsync($"/v1/workspaces/{missing}", new { plan = "startup" }), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await admin.PostAsync($"/v1/workspaces/{missing}/tokens", null), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await admin.GetAsync($"/v1/workspaces/{missing}/tokens"), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await admin.DeleteAsync($"/v1/workspaces/{missing}/tokens/tok_missing"), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await admin.GetAsync($"/v1/workspaces/{missing}"), HttpStatusCode.NotFound, "not-found");
    }
}
