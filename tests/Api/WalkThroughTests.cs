using System.Net;
using System.Net.Http.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class WalkThroughTests(ApiServer server)
{
    [Fact]
    public async Task Workspace_project_and_webhook_are_created_and_listed_with_the_secret_hidden()
    {
        using var admin = server.Client();
        var created = await HttpAssert.Json(await admin.PostAsJsonAsync("/v1/workspaces",
            new { name = "Acme", plan = "business", owner_email = "owner@acme.io" }), HttpStatusCode.Created);
        Assert.Equal("business", created.GetProperty("plan").GetString());
        var token = created.GetProperty("token").GetString()!;

        using var client = server.Client(token);
        var project = await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects", new { code = "demo", title = "Demo" }), HttpStatusCode.Created);
        Assert.Equal("DEMO", project.GetProperty("code").GetString());

        var response = await client.PostAsJsonAsync("/v1/projects/demo/webhooks", new
        {
            title = "CI", url = "https://ci.example.com/qase", secret = "top-secret-value", events = new[] { "run.completed", "defect.resolved" },
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.DoesNotContain("top-secret-value", text);

        var list = await HttpAssert.Json(await client.GetAsync("/v1/projects/DEMO/webhooks"));
        var webhook = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.True(webhook.GetProperty("has_secret").GetBoolean());
        Assert.True(webhook.GetProperty("enabled").GetBoolean());
        Assert.Equal(["run.completed", "defect.resolved"], webhook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("top-secret-value", list.GetRawText());
    }
}
