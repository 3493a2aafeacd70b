using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Qase.Webhooks.Grains.Workspaces;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class AuthenticationTests(ApiServer server)
{
    [Theory]
    [InlineData("GET", "/v1/projects")]
    [InlineData("POST", "/v1/projects")]
    [InlineData("GET", "/v1/projects/DEMO")]
    [InlineData("GET", "/v1/projects/DEMO/webhooks")]
    [InlineData("POST", "/v1/projects/DEMO/webhooks")]
    [InlineData("POST", "/v1/workspaces")]
    [InlineData("GET", "/v1/workspaces/ws_x")]
    [InlineData("GET", "/v1/workspaces/ws_x/projects")]
    [InlineData("GET", "/v1/event-types")]
    public async Task Request_without_a_token_answers_401(string method, string path)
    {
        using var anonymous = server.Client(token: null);
        var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonAssert.Raw("{}") });
        await HttpAssert.Problem(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("qase_not-a-token")]
    [InlineData("test-admin-token-but-longer")]
    [InlineData("x")]
    public async Task Request_with_a_wrong_token_answers_401(string token)
    {
        using var client = server.Client(token);
        await HttpAssert.Problem(await client.GetAsync("/v1/projects"), HttpStatusCode.Unauthorized, "unauthorized");
        await HttpAssert.Problem(await client.GetAsync("/v1/workspaces/ws_x"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Stored_hash_of_a_token_is_not_a_token()
    {
        var (_, workspace) = await server.CreateWorkspace();
        var token = workspace.DefaultRequestHeaders.GetValues("Token").Single();
        await HttpAssert.Json(await workspace.GetAsync("/v1/projects"));

        using var withHash = server.Client(TokenHash.Of(token));
        await HttpAssert.Problem(await withHash.GetAsync("/v1/projects"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Very_long_token_answers_401()
    {
        using var client = server.Client(new string('t', 10_000));
        await HttpAssert.Problem(await client.GetAsync("/v1/projects"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Bearer_authorization_is_accepted_like_the_Token_header()
    {
        var (id, workspace) = await server.CreateWorkspace();
        var token = workspace.DefaultRequestHeaders.GetValues("Token").Single();

        using var bearer = server.Client(token: null);
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await HttpAssert.Json(await bearer.GetAsync("/v1/projects"));

        using var adminBearer = server.Client(token: null);
        adminBearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiServer.AdminToken);
        await HttpAssert.Json(await adminBearer.GetAsync($"/v1/workspaces/{id}"));

        using var wrongBearer = server.Client(token: null);
        wrongBearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token + "x");
        await HttpAssert.Problem(await wrongBearer.GetAsync("/v1/projects"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Workspace_token_on_admin_routes_answers_403()
    {
        var (id, workspace) = await server.CreateWorkspace(plan: "free");

        await HttpAssert.Problem(await workspace.PostAsJsonAsync("/v1/workspaces",
            new { name = "Mine", plan = "enterprise", owner_email = "me@acme.io" }), HttpStatusCode.Forbidden, "forbidden");
        await HttpAssert.Problem(await workspace.GetAsync($"/v1/workspaces/{id}"), HttpStatusCode.Forbidden, "forbidden");
        await HttpAssert.Problem(await workspace.PatchAsJsonAsync($"/v1/workspaces/{id}", new { plan = "enterprise" }), HttpStatusCode.Forbidden, "forbidden");
        await HttpAssert.Problem(await workspace.PostAsync($"/v1/workspaces/{id}/tokens", null), HttpStatusCode.Forbidden, "forbidden");
        await HttpAssert.Problem(await workspace.GetAsync($"/v1/workspaces/{id}/tokens"), HttpStatusCode.Forbidden, "forbidden");
        await HttpAssert.Problem(await workspace.DeleteAsync($"/v1/workspaces/{id}/tokens/tok_x"), HttpStatusCode.Forbidden, "forbidden");

        using var admin = server.Client();
        var read = await HttpAssert.Json(await admin.GetAsync($"/v1/workspaces/{id}"));
        Assert.Equal("free", JsonAssert.String(read, "plan"));
        Assert.Single(JsonAssert.Items(await HttpAssert.Json(await admin.GetAsync($"/v1/workspaces/{id}/tokens"))));
    }

    [Fact]
    public async Task Admin_token_on_the_short_project_routes_answers_403()
    {
        using var admin = server.Client();

        await HttpAssert.Problem(await admin.GetAsync("/v1/projects"), HttpStatusCode.Forbidden, "forbidden");
        await HttpAssert.Problem(await admin.PostAsJsonAsync("/v1/projects", new { code = "DEMO", title = "Demo" }), HttpStatusCode.Forbidden, "forbidden");
        await HttpAssert.Problem(await admin.GetAsync("/v1/projects/DEMO"), HttpStatusCode.Forbidden, "forbidden");
        await HttpAssert.Problem(await admin.GetAsync("/v1/projects/DEMO/webhooks"), HttpStatusCode.Forbidden, "forbidden");
        await HttpAssert.Problem(await admin.PostAsJsonAsync("/v1/projects/DEMO/webhooks", ApiServer.ValidWebhook()), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Admin_token_can_list_event_types()
    {
        using var admin = server.Client();
        Assert.Equal(43, JsonAssert.Items(await HttpAssert.Json(await admin.GetAsync("/v1/event-types"))).Length);
    }
}
