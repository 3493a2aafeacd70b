using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Text;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

/// <summary>
/// HTTP Basic exists only so that a browser can open the dashboard: anywhere else a browser's remembered
/// credentials would let another site's form act on the API, so every other route refuses them.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BasicAuthenticationTests(ApiServer server)
{
    [Theory]
    [InlineData("GET", "/v1/workspaces/{workspace}")]
    [InlineData("POST", "/v1/workspaces")]
    [InlineData("POST", "/v1/workspaces/{workspace}/tokens")]
    [InlineData("GET", "/v1/workspaces/{workspace}/projects")]
    [InlineData("GET", "/v1/event-types")]
    public async Task Basic_with_the_admin_token_is_refused_outside_the_dashboard(string method, string path)
    {
        var (workspaceId, _) = await server.CreateWorkspace();
        using var client = server.Client(token: null);
        client.DefaultRequestHeaders.Authorization = Basic("admin", ApiServer.AdminToken);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.Replace("{workspace}", workspaceId))
        {
            Content = JsonContent.Create(new { name = "Forged", plan = "enterprise", owner_email = "x@example.com" }),
        });

        await HttpAssert.Problem(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.DoesNotContain(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task Basic_with_a_workspace_token_is_refused_on_project_routes()
    {
        var (_, workspace) = await server.CreateProject("BASIC");
        var token = workspace.DefaultRequestHeaders.GetValues("Token").Single();
        using var client = server.Client(token: null);
        client.DefaultRequestHeaders.Authorization = Basic("user", token);

        await HttpAssert.Problem(await client.GetAsync("/v1/projects"), HttpStatusCode.Unauthorized, "unauthorized");
        await HttpAssert.Problem(await client.PostAsJsonAsync("/v1/projects/BASIC/webhooks", ApiServer.ValidWebhook()),
            HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Empty(JsonAssert.Items(await HttpAssert.Json(await workspace.GetAsync("/v1/projects/BASIC/webhooks"))));
    }

    [Fact]
    public async Task Basic_still_opens_the_dashboard()
    {
        using var client = server.Client(token: null);
        client.DefaultRequestHeaders.Authorization = Basic("admin", ApiServer.AdminToken);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard/ClusterStats")).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_grain_state_view_never_shows_a_webhook_secret()
    {
        const string secret = "whsec_dashboard-must-not-see-this";
        var (workspaceId, workspace) = await server.CreateProject("DSEC");
        var webhook = await ApiServer.CreateWebhook(workspace, "DSEC", ApiServer.ValidWebhook(secret: secret));
        var webhookId = webhook.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await workspace.GetAsync($"/v1/projects/DSEC/webhooks/{webhookId}")).StatusCode);
        using var admin = server.Client();
        admin.DefaultRequestHeaders.Accept.Clear();

        foreach (var (grainType, key) in new[]
                 {
                     ("Qase.Webhooks.Webhooks.WebhookGrain", GrainKeys.Webhook(workspaceId, "DSEC", webhookId)),
                     ("Qase.Webhooks.Routing.ProjectEventRouterGrain", GrainKeys.Project(workspaceId, "DSEC")),
                     ("Qase.Webhooks.Workspaces.WorkspaceGrain", workspaceId),
                 })
        {
            var response = await admin.GetAsync($"/dashboard/GrainState?grainId={Uri.EscapeDataString(key)}&grainType={grainType}");
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{grainType}: {(int)response.StatusCode} {text}");
            Assert.DoesNotContain(secret, text);
            Assert.DoesNotContain("dashboard-must-not-see-this", text);
        }
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
